#!/usr/bin/env python3
"""Adam-update peer: torch.optim.Adam(fused=True) stepping one 1000x1000 float64
parameter with a fixed gradient, 2 threads. The same work as `bench`'s `adam_update`.

Prints JSON: {"adam_update": [{"peer": "pytorch_fused", "ms_per_step": ...}]}; without
PyTorch the list is empty and a note goes to stderr. Unknown options are ignored.
"""
import argparse
import json
import sys

from timing import best_of  # the shared timing loop (same folder)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args, _ = parser.parse_known_args()
    target = 0.03 if args.quick else 0.2
    results = []
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
        with torch.no_grad():
            ms = best_of(optimizer.step, target) * 1e3
        results.append({"peer": "pytorch_fused", "ms_per_step": ms})
    print(json.dumps({"adam_update": results}))


if __name__ == "__main__":
    main()
