#!/usr/bin/env python3
"""Recurrent training-step peers (chapter 3.7): one step of a tanh RNN and of an LSTM,
batch 32, T = 50, 16 input features, 64 hidden units, a many-to-one linear readout from
h_T, MSE, full backpropagation through time and Adam (lr 1e-3), float64. The same work as
`bench`'s `recurrent_step`. NumPy: the tanh RNN's BPTT written by hand; PyTorch:
nn.RNN / nn.LSTM (batch_first=True) + nn.Linear + torch.optim.Adam on the CPU, 2 threads
(PEER_THREADS=1 for one, to compare with OPENBLAS_NUM_THREADS=1).

Prints JSON: {"recurrent_step": [{"peer": "numpy", "cell": "rnn", "ms_per_step": ...}, ...]}.
A missing library is left out with a note on stderr. Unknown options are ignored.
"""
import argparse
import json
import os
import sys
from timing import best_of  # the shared timing loop (same folder)

B, T, I, H = 32, 50, 16, 64


def numpy_rnn_factory(np):
    rng = np.random.default_rng(1)
    k = 1 / H ** 0.5
    params = [rng.uniform(-k, k, s) for s in [(H, I), (H, H), (H,), (H,), (1, H), (1,)]]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    xs = rng.normal(size=(B, T, I))
    y = rng.normal(size=(B, 1))
    state = {"t": 0}

    def step():
        w_ih, w_hh, b_ih, b_hh, w_o, b_o = params
        hs = [np.zeros((B, H))]
        for t in range(T):
            hs.append(np.tanh(xs[:, t] @ w_ih.T + b_ih + hs[-1] @ w_hh.T + b_hh))
        out = hs[-1] @ w_o.T + b_o
        loss = ((out - y) ** 2).mean()
        dout = 2 * (out - y) / out.size
        grads = [np.zeros_like(p) for p in params]
        grads[4] = dout.T @ hs[-1]
        grads[5] = dout.sum(0)
        dh = dout @ w_o
        for t in range(T - 1, -1, -1):
            da = dh * (1 - hs[t + 1] ** 2)
            grads[0] += da.T @ xs[:, t]
            grads[1] += da.T @ hs[t]
            grads[2] += da.sum(0)
            grads[3] += da.sum(0)
            dh = da @ w_hh
        state["t"] += 1
        step_t = state["t"]
        for p, g, mi, vi in zip(params, grads, m, v):
            mi *= 0.9
            mi += 0.1 * g
            vi *= 0.999
            vi += 0.001 * g * g
            mhat = mi / (1 - 0.9 ** step_t)
            vhat = vi / (1 - 0.999 ** step_t)
            p -= 1e-3 * mhat / (np.sqrt(vhat) + 1e-8)
        return loss

    return step


def torch_factory(torch, cell):
    torch.manual_seed(1)
    cls = torch.nn.RNN if cell == "rnn" else torch.nn.LSTM
    layer = cls(I, H, batch_first=True).double()
    readout = torch.nn.Linear(H, 1).double()
    opt = torch.optim.Adam(list(layer.parameters()) + list(readout.parameters()), lr=1e-3)
    xs = torch.randn(B, T, I, dtype=torch.float64)
    y = torch.randn(B, 1, dtype=torch.float64)

    def step():
        opt.zero_grad()
        out, _ = layer(xs)
        loss = ((readout(out[:, -1]) - y) ** 2).mean()
        loss.backward()
        opt.step()
        return loss.item()

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args, _ = parser.parse_known_args()
    target = 0.1 if args.quick else 1.0
    rows = []
    try:
        import numpy as np
        rows.append({"peer": "numpy", "cell": "rnn",
                     "ms_per_step": best_of(numpy_rnn_factory(np), target, 5) * 1e3})
    except ImportError:
        print("rnn_step.py: numpy not installed; no NumPy peer", file=sys.stderr)
    try:
        import torch
        torch.set_num_threads(int(os.environ.get("PEER_THREADS", "2")))
        for cell in ("rnn", "lstm"):
            rows.append({"peer": "pytorch", "cell": cell,
                         "ms_per_step": best_of(torch_factory(torch, cell), target, 5) * 1e3})
    except ImportError:
        print("rnn_step.py: torch not installed; no PyTorch peer", file=sys.stderr)
    print(json.dumps({"recurrent_step": rows}))


if __name__ == "__main__":
    main()
