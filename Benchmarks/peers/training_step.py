#!/usr/bin/env python3
"""Training-step peers: one step of a 784-256-10 MLP (ReLU, softmax cross-entropy, SGD)
on a batch of 128, float64, in NumPy written the textbook way and in PyTorch on the CPU
with 2 threads. The same work as `bench`'s `mlp_784_256_10_sgd`: forward, loss, backward
without the input gradient of the first layer, and the update.

Prints JSON: {"training_step": [{"peer": "numpy", "ms_per_step": ...}, ...]}. A peer
whose library is missing is left out with a note on stderr (PyTorch is large; install it
with `pip install torch` if you want the comparison). Unknown options are ignored.
"""
import argparse
import json
import sys
from timing import best_of  # the shared timing loop (same folder)


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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args, _ = parser.parse_known_args()
    target = 0.05 if args.quick else 0.5
    results = []
    try:
        import numpy as np
        results.append({"peer": "numpy", "ms_per_step": best_of(numpy_step_factory(np), target) * 1e3})
    except ImportError:
        print("training_step.py: numpy is not installed; skipped", file=sys.stderr)
    try:
        import torch
        results.append({"peer": "pytorch", "ms_per_step": best_of(torch_step_factory(torch), target) * 1e3})
    except ImportError:
        print("training_step.py: PyTorch is not installed (pip install torch); skipped",
              file=sys.stderr)
    print(json.dumps({"training_step": results}))


if __name__ == "__main__":
    main()
