#!/usr/bin/env python3
"""GAN-step peers: one alternating step of a GAN on 2-D data, float64, batch 256:
G 2-64-64-2 (ReLU), D 2-64-64-1 (leaky ReLU, slope 0.01), Adam (lr 1e-4, betas 0.5/0.999)
for both, non-saturating generator loss; one D update (real and fake stacked in one
batch) then one G update through D. The same work as `bench`'s `gan_step`.

NumPy: written by hand, the textbook way; G's step computes only D's input gradient.
PyTorch (CPU, 2 threads unless --peer-threads N): the usual idiom, with D's parameters frozen
(`requires_grad_(False)`) during G's step so autograd skips D's weight gradients too.

Prints JSON: {"gan_step": [{"peer": "numpy", "ms_per_step": ...}, ...]}. A missing
library is skipped with a note on stderr. Unknown options are ignored.
"""
import argparse
import json
import sys
from timing import best_of  # the shared timing loop (same folder)


def numpy_step_factory(np):
    rng = np.random.default_rng(1)
    real = rng.standard_normal((256, 2))

    def dense(n_in, n_out):
        return [rng.normal(0, (2 / n_in) ** 0.5, (n_in, n_out)), np.zeros(n_out)]

    g = dense(2, 64) + dense(64, 64) + dense(64, 2)
    d = dense(2, 64) + dense(64, 64) + dense(64, 1)

    class Adam:
        def __init__(self, params, lr=1e-4, b1=0.5, b2=0.999, eps=1e-8):
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
            self.t, self.lr, self.b1, self.b2, self.eps = 0, lr, b1, b2, eps

        def step(self, params, grads):
            self.t += 1
            c1, c2 = 1 - self.b1 ** self.t, 1 - self.b2 ** self.t
            for p, g_, m, v in zip(params, grads, self.m, self.v):
                m *= self.b1
                m += (1 - self.b1) * g_
                v *= self.b2
                v += (1 - self.b2) * g_ * g_
                p -= self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)

    opt_g, opt_d = Adam(g), Adam(d)

    def forward(params, x, act):
        w1, b1, w2, b2, w3, b3 = params
        a1 = x @ w1 + b1
        h1 = act(a1)
        a2 = h1 @ w2 + b2
        h2 = act(a2)
        return h2 @ w3 + b3, (x, a1, h1, a2, h2)

    def backward(params, grad, cache, slope, need_input, need_params=True):
        w1, b1, w2, b2, w3, b3 = params
        x, a1, h1, a2, h2 = cache
        grads = []
        if need_params:
            grads = [h2.T @ grad, grad.sum(0)]
        dh2 = grad @ w3.T
        da2 = np.where(a2 > 0, dh2, slope * dh2)
        if need_params:
            grads = [h1.T @ da2, da2.sum(0)] + grads
        dh1 = da2 @ w2.T
        da1 = np.where(a1 > 0, dh1, slope * dh1)
        if need_params:
            grads = [x.T @ da1, da1.sum(0)] + grads
        dx = da1 @ w1.T if need_input else None
        return dx, grads

    relu = lambda a: np.maximum(a, 0)
    leaky = lambda a: np.where(a > 0, a, 0.01 * a)
    sigmoid = lambda s: 1 / (1 + np.exp(-s))
    softplus = lambda s: np.maximum(s, 0) + np.log1p(np.exp(-np.abs(s)))

    def step():
        # D: BCE(real, 1) + BCE(fake, 0) on one stacked batch.
        fake, _ = forward(g, rng.standard_normal((256, 2)), relu)
        s, cache = forward(d, np.vstack([real, fake]), leaky)
        sr, sf = s[:256], s[256:]
        loss_d = softplus(-sr).mean() + softplus(sf).mean()
        grad = np.vstack([(sigmoid(sr) - 1) / 256, sigmoid(sf) / 256])
        _, grads_d = backward(d, grad, cache, 0.01, need_input=False)
        opt_d.step(d, grads_d)
        # G: −mean log D(G(z)), through D's input gradient only.
        x, cache_g = forward(g, rng.standard_normal((256, 2)), relu)
        s, cache_d = forward(d, x, leaky)
        loss_g = softplus(-s).mean()
        dx, _ = backward(d, (sigmoid(s) - 1) / 256, cache_d, 0.01, True, need_params=False)
        _, grads_g = backward(g, dx, cache_g, 0.0, need_input=False)
        opt_g.step(g, grads_g)
        return loss_d + loss_g

    return step


def torch_step_factory(torch, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    nn = torch.nn
    real = torch.randn(256, 2, dtype=torch.float64)
    G = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(),
                      nn.Linear(64, 2)).double()
    D = nn.Sequential(nn.Linear(2, 64), nn.LeakyReLU(0.01), nn.Linear(64, 64),
                      nn.LeakyReLU(0.01), nn.Linear(64, 1)).double()
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-4, betas=(0.5, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones = torch.ones(256, 1, dtype=torch.float64)
    zeros = torch.zeros(256, 1, dtype=torch.float64)

    def step():
        with torch.no_grad():
            fake = G(torch.randn(256, 2, dtype=torch.float64))
        s = D(torch.cat([real, fake]))
        loss_d = bce(s[:256], ones) + bce(s[256:], zeros)
        opt_d.zero_grad(set_to_none=True)
        loss_d.backward()
        opt_d.step()
        D.requires_grad_(False)
        loss_g = bce(D(G(torch.randn(256, 2, dtype=torch.float64))), ones)
        opt_g.zero_grad(set_to_none=True)
        loss_g.backward()
        opt_g.step()
        D.requires_grad_(True)
        return loss_d.item() + loss_g.item()

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--peer-threads", type=int, default=2,
                        help="PyTorch threads (NumPy: set OPENBLAS_NUM_THREADS)")
    args, _ = parser.parse_known_args()
    target = 0.05 if args.quick else 0.5
    results = []
    try:
        import numpy as np
        results.append({"peer": "numpy", "ms_per_step": best_of(numpy_step_factory(np), target) * 1e3})
    except ImportError:
        print("gan_step.py: numpy is not installed; skipped", file=sys.stderr)
    try:
        import torch
        results.append({"peer": "pytorch", "ms_per_step": best_of(torch_step_factory(torch, args.peer_threads), target) * 1e3})
    except ImportError:
        print("gan_step.py: PyTorch is not installed (pip install torch); skipped",
              file=sys.stderr)
    print(json.dumps({"gan_step": results}))


if __name__ == "__main__":
    main()
