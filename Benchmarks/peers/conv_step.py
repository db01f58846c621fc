#!/usr/bin/env python3
"""Convolution training-step peers: the same step as `bench`'s `conv_step` section.

Batch 64 of 28x28x1 through conv 3x3x32 -> ReLU -> max-pool 2x2 -> conv 3x3x64 -> ReLU
(no padding), the loss sum(G * y) for a fixed random G, backward (no input gradient for
the first layer: the images need none) and a plain SGD update (lr 1e-4), in

- PyTorch float64 and float32 (CPU, 2 threads unless --threads, N x C x H x W),
- NumPy float64, im2col as Deep Learning from Scratch (Saito 2016, common/util.py and
  common/layers.py) writes it: a 6-D strided copy, one GEMM, col2im by adding slices.

With `--ours PATH` (the release `bench` binary) our step is timed in the same run, in
both of our precisions: "ours_float64" (float64 throughout) and "ours_float32_gemm" (the
convolutions' GEMMs in float32, parameters and SGD in float64). Rounds alternate ours,
NumPy, PyTorch f64, PyTorch f32, so the machine's load hits all alike; each candidate
reports its best round. Prints JSON:
{"conv_step": [{"peer": ..., "ms_per_step": ...}, ...]} and, with --ours, a table of
every ours/peer ratio on stderr. Unknown options are ignored.
"""
import argparse
import json
import subprocess
import sys
from timing import seconds_per_call  # the shared timing loop (same folder)


def torch_step_factory(torch, dtype, threads):
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(1)
    x = torch.rand(64, 1, 28, 28, generator=g, dtype=dtype)
    w1 = (torch.randn(32, 1, 3, 3, generator=g, dtype=dtype) * (2 / 9) ** 0.5).requires_grad_()
    b1 = torch.zeros(32, dtype=dtype, requires_grad=True)
    w2 = (torch.randn(64, 32, 3, 3, generator=g, dtype=dtype) * (2 / 288) ** 0.5).requires_grad_()
    b2 = torch.zeros(64, dtype=dtype, requires_grad=True)
    upstream = torch.randn(64, 64, 11, 11, generator=g, dtype=dtype)
    params = [w1, b1, w2, b2]
    F = torch.nn.functional

    def step():
        h = F.relu(F.conv2d(x, w1, b1))
        h = F.max_pool2d(h, 2)
        y = F.relu(F.conv2d(h, w2, b2))
        (y * upstream).sum().backward()
        with torch.no_grad():
            for p in params:
                p -= 1e-4 * p.grad
                p.grad = None

    return step


def im2col(np, x, fh, fw):
    # Deep Learning from Scratch, common/util.py (stride 1, no padding).
    n, c, h, w = x.shape
    oh, ow = h - fh + 1, w - fw + 1
    col = np.zeros((n, c, fh, fw, oh, ow))
    for y in range(fh):
        for xx in range(fw):
            col[:, :, y, xx, :, :] = x[:, :, y:y + oh, xx:xx + ow]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(np, col, shape, fh, fw):
    n, c, h, w = shape
    oh, ow = h - fh + 1, w - fw + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h, w))
    for y in range(fh):
        for xx in range(fw):
            img[:, :, y:y + oh, xx:xx + ow] += col[:, :, y, xx, :, :]
    return img


def numpy_step_factory(np):
    rng = np.random.default_rng(1)
    x = rng.random((64, 1, 28, 28))
    w1 = rng.normal(0, (2 / 9) ** 0.5, (32, 1, 3, 3))
    b1 = np.zeros(32)
    w2 = rng.normal(0, (2 / 288) ** 0.5, (64, 32, 3, 3))
    b2 = np.zeros(64)
    upstream = rng.normal(size=(64, 64, 11, 11))

    def conv_forward(x, w, b):
        n, _, h, ww = x.shape
        f = w.shape[0]
        col = im2col(np, x, 3, 3)
        col_w = w.reshape(f, -1).T
        out = col @ col_w + b
        return out.reshape(n, h - 2, ww - 2, f).transpose(0, 3, 1, 2), col, col_w

    def conv_backward(dout, x_shape, w, col, col_w, need_dx):
        f = w.shape[0]
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, f)
        db = dout.sum(axis=0)
        dw = (col.T @ dout).transpose(1, 0).reshape(w.shape)
        dx = col2im(np, dout @ col_w.T, x_shape, 3, 3) if need_dx else None
        return dx, dw, db

    def pool_forward(x):
        n, c, h, w = x.shape
        # DLFS pools by an im2col with stride 2; for 2x2 windows a reshape is the same copy.
        v = x[:, :, :h // 2 * 2, :w // 2 * 2].reshape(n, c, h // 2, 2, w // 2, 2)
        v = v.transpose(0, 1, 2, 4, 3, 5).reshape(n, c, h // 2, w // 2, 4)
        arg = v.argmax(axis=4)
        return np.take_along_axis(v, arg[..., None], axis=4)[..., 0], arg

    def pool_backward(dout, arg, shape):
        n, c, h, w = shape
        d = np.zeros((n, c, h // 2, w // 2, 4))
        np.put_along_axis(d, arg[..., None], dout[..., None], axis=4)
        d = d.reshape(n, c, h // 2, w // 2, 2, 2).transpose(0, 1, 2, 4, 3, 5)
        out = np.zeros(shape)
        out[:, :, :h // 2 * 2, :w // 2 * 2] = d.reshape(n, c, h // 2 * 2, w // 2 * 2)
        return out

    def step():
        nonlocal w1, b1, w2, b2
        a1, col1, cw1 = conv_forward(x, w1, b1)
        h1 = np.maximum(a1, 0)
        p1, arg = pool_forward(h1)
        a2, col2, cw2 = conv_forward(p1, w2, b2)
        y = np.maximum(a2, 0)
        g = upstream * (a2 > 0)
        dp1, dw2, db2 = conv_backward(g, p1.shape, w2, col2, cw2, True)
        dh1 = pool_backward(dp1, arg, h1.shape) * (a1 > 0)
        _, dw1, db1 = conv_backward(dh1, x.shape, w1, col1, cw1, False)
        w1 = w1 - 1e-4 * dw1
        b1 = b1 - 1e-4 * db1
        w2 = w2 - 1e-4 * dw2
        b2 = b2 - 1e-4 * db2
        return y

    return step


def ours_steps(path):
    """Seconds per step of ours, by precision label (the bench times both interleaved)."""
    out = subprocess.run([path, "--json", "--only", "conv_step"], capture_output=True,
                         text=True, check=True).stdout
    names = {"float64": "ours_float64", "float32": "ours_float32_gemm"}
    return {names[r.get("precision", "float64")]: r["ms_per_step"] / 1e3
            for r in json.loads(out)["conv_step"]
            if r.get("network") == "conv32_pool_conv64_sgd"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--ours", help="path of the release bench binary")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2,
                        help="PyTorch's intra-op threads (set OPENBLAS_NUM_THREADS to match "
                             "for ours and NumPy)")
    args, _ = parser.parse_known_args()
    seconds = 0.5 if args.quick else 2.0
    candidates = {}
    try:
        import numpy as np
        candidates["numpy_im2col"] = numpy_step_factory(np)
    except ImportError:
        print("conv_step.py: numpy not installed; NumPy peer left out", file=sys.stderr)
    try:
        import torch
        candidates["pytorch_float64"] = torch_step_factory(torch, torch.float64, args.threads)
        candidates["pytorch_float32"] = torch_step_factory(torch, torch.float32, args.threads)
    except ImportError:
        print("conv_step.py: torch not installed; PyTorch peers left out", file=sys.stderr)
    best = {}
    for _ in range(args.rounds if args.ours else 1):
        if args.ours:
            for name, t in ours_steps(args.ours).items():
                best[name] = min(best.get(name, t), t)
        for name, fn in candidates.items():
            t = seconds_per_call(fn, seconds, minimum_samples=3)
            best[name] = min(best.get(name, t), t)
    print(json.dumps({"conv_step": [{"peer": k, "ms_per_step": v * 1e3}
                                    for k, v in best.items()]}))
    ours = [k for k in best if k.startswith("ours")]
    peers = [k for k in best if not k.startswith("ours")]
    if ours:
        print("conv step, batch 64, ms per step (best round); ratios < 1: ours faster",
              file=sys.stderr)
        for k in ours + peers:
            print(f"  {k:18s} {best[k] * 1e3:8.2f} ms", file=sys.stderr)
        for o in ours:
            ratios = "   ".join(f"{o}/{p} = {best[o] / best[p]:.2f}" for p in peers)
            print(f"  {ratios}", file=sys.stderr)


if __name__ == "__main__":
    main()
