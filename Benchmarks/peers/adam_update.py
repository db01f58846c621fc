#!/usr/bin/env python3
"""Adam-update peer: torch.optim.Adam(fused=True) stepping one 1000x1000 float64
parameter with a fixed gradient, 2 threads. The same work as `bench`'s `adam_update`.

With `--ours PATH` (the release `bench` binary) `--rounds` rounds (default 3) alternate
ours (`bench --only adam_update`) and PyTorch, each keeping its best round, as
`training_step.py` does (see there why).

Prints JSON: {"adam_update": [{"peer": "pytorch_fused", "ms_per_step": ...}]} (with --ours
also the peer "ours" and "rounds"); without PyTorch the list is empty and a note goes to
stderr. Unknown options are ignored.
"""
import argparse
import json
import subprocess
import sys

from timing import alternating_rounds, best_of  # the shared timing loop (same folder)


def ours_update(path):
    """Our Adam update of 10^6 parameters in ms, from one `bench --only adam_update` run."""
    out = subprocess.run([path, "--json", "--only", "adam_update"], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)["adam_update"][0]["ms_per_step"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--ours", help="path of the release bench binary")
    parser.add_argument("--rounds", type=int, default=3)
    args, _ = parser.parse_known_args()
    target = 0.03 if args.quick else 0.2
    step = None
    try:
        import torch
    except ImportError:
        print("adam_update.py: PyTorch is not installed (pip install torch); skipped",
              file=sys.stderr)
    else:
        torch.set_num_threads(2)
        torch.manual_seed(3)
        p = torch.randn(1000, 1000, dtype=torch.float64, requires_grad=True)
        p.grad = torch.randn(1000, 1000, dtype=torch.float64) * 1e-3
        optimizer = torch.optim.Adam([p], lr=1e-3, fused=True)

        def step():
            with torch.no_grad():
                optimizer.step()
    best, rounds = alternating_rounds(
        (lambda: ours_update(args.ours)) if args.ours else None,
        {} if step is None else {"pytorch_fused": lambda: best_of(step, target) * 1e3},
        args.rounds)
    result = {"adam_update": [{"peer": k, "ms_per_step": v} for k, v in best.items()]}
    if args.ours:
        result["rounds"] = rounds
    print(json.dumps(result))


if __name__ == "__main__":
    main()
