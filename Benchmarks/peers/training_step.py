#!/usr/bin/env python3
"""Training-step peers: one step of a 784-256-10 MLP (ReLU, softmax cross-entropy, SGD)
on a batch of 128, float64, in NumPy written the textbook way and in PyTorch on the CPU
with 2 threads. The same work as `bench`'s `mlp_784_256_10_sgd`: forward, loss, backward
without the input gradient of the first layer, and the update.

With `--ours PATH` (the release `bench` binary) our step is timed in the same run:
`--rounds` rounds (default 3) alternate ours (`bench --only training_step`) and the peers,
each side keeps its best round, and every round's ratio is kept too. On these shared
2-core VMs one process's time swings by up to 2x from one half-minute to the next; a
ratio of two processes timed minutes apart carries that swing, a best-of-rounds ratio
taken side by side much less of it.

Prints JSON: {"training_step": [{"peer": "numpy", "ms_per_step": ...}, ...]} (with
--ours also the peer "ours" and "rounds": [{"ours": ms, "pytorch": ms, ...}, ...]). A peer
whose library is missing is left out with a note on stderr (PyTorch is large; install it
with `pip install torch` if you want the comparison). Unknown options are ignored.
"""
import argparse
import json
import subprocess
import sys
from timing import alternating_rounds, best_of  # the shared timing loop (same folder)


def numpy_step_factory(np):
    rng = np.random.default_rng(1)
    x = rng.random((128, 784))
    labels = rng.integers(0, 10, 128)
    w1 = rng.normal(0, (2 / 784) ** 0.5, (784, 256))
    b1 = np.zeros(256)
    w2 = rng.normal(0, (2 / 256) ** 0.5, (256, 10))
    b2 = np.zeros(10)
    lr = 0.01
    rows = np.arange(128)

    def step():
        nonlocal w1, b1, w2, b2
        h_pre = x @ w1 + b1
        h = np.maximum(h_pre, 0)
        s = h @ w2 + b2
        s = s - s.max(axis=1, keepdims=True)
        e = np.exp(s)
        p = e / e.sum(axis=1, keepdims=True)
        loss = -np.log(p[rows, labels]).mean()
        g = p
        g[rows, labels] -= 1
        g /= 128
        dw2 = h.T @ g
        db2 = g.sum(axis=0)
        dh = g @ w2.T
        dh[h_pre <= 0] = 0
        dw1 = x.T @ dh
        db1 = dh.sum(axis=0)
        w1 -= lr * dw1
        b1 -= lr * db1
        w2 -= lr * dw2
        b2 -= lr * db2
        return loss

    return step


def torch_step_factory(torch):
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = torch.rand(128, 784, dtype=torch.float64)
    labels = torch.randint(0, 10, (128,))
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).double()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), labels)
        loss.backward()
        optimizer.step()
        return loss.item()

    return step


def ours_step(path):
    """Our 784-256-10 SGD step in ms, from one `bench --only training_step` run."""
    out = subprocess.run([path, "--json", "--only", "training_step"], capture_output=True,
                         text=True, check=True).stdout
    rows = json.loads(out)["training_step"]
    return next(r["ms_per_step"] for r in rows if r["network"] == "mlp_784_256_10_sgd")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--ours", help="path of the release bench binary")
    parser.add_argument("--rounds", type=int, default=3)
    args, _ = parser.parse_known_args()
    target = 0.05 if args.quick else 0.5
    peers = {}
    try:
        import numpy as np
        peers["numpy"] = numpy_step_factory(np)
    except ImportError:
        print("training_step.py: numpy is not installed; skipped", file=sys.stderr)
    try:
        import torch
        peers["pytorch"] = torch_step_factory(torch)
    except ImportError:
        print("training_step.py: PyTorch is not installed (pip install torch); skipped",
              file=sys.stderr)
    best, rounds = alternating_rounds(
        (lambda: ours_step(args.ours)) if args.ours else None,
        {name: (lambda step=step: best_of(step, target) * 1e3) for name, step in peers.items()},
        args.rounds)
    result = {"training_step": [{"peer": k, "ms_per_step": v} for k, v in best.items()]}
    if args.ours:
        result["rounds"] = rounds
    print(json.dumps(result))


if __name__ == "__main__":
    main()
