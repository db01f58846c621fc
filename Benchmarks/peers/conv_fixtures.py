#!/usr/bin/env python3
"""Reference vectors for Conv2D and MaxPool2D from PyTorch (float64, CPU).

Writes Tests/LayersTests/Fixtures/conv_pool.json (run from the repository root:
`/path/to/python Benchmarks/peers/conv_fixtures.py`). Each case holds the input, the
parameters, an upstream gradient G, and PyTorch's forward output and backward gradients
(of sum(G * y)), all converted to the course's layout:

- images: PyTorch is N x C x H x W; the course stores one image per row, channels last,
  element [n, (y*W + x)*C + c] = x[n, c, y, x]  (x.permute(0, 2, 3, 1).reshape(N, -1)).
- kernels: PyTorch's weight is F x C x kH x kW; the course's kernel matrix is K x F with
  K = kH*kW*C, element [(ky*kW + kx)*C + c, f] = weight[f, c, ky, kx]
  (weight.permute(2, 3, 1, 0).reshape(K, F)).

Deterministic (torch.manual_seed), so rerunning reproduces the committed file.
"""
import json
import pathlib

import torch

torch.manual_seed(20261201)
torch.set_default_dtype(torch.float64)


def images_to_rows(t):
    return t.permute(0, 2, 3, 1).reshape(t.shape[0], -1)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def conv_case(batch, channels, height, width, filters, kernel, stride, padding, dtype=None):
    """A float64 case; with dtype=torch.float32 the draws are rounded to float32 and PyTorch
    computes in float32 (the values are stored as float64, exactly)."""
    x = torch.randn(batch, channels, height, width)
    w = torch.randn(filters, channels, kernel, kernel)
    b = torch.randn(filters)
    if dtype is not None:
        x, w, b = x.to(dtype), w.to(dtype), b.to(dtype)
    x, w, b = (t.requires_grad_() for t in (x, w, b))
    y = torch.nn.functional.conv2d(x, w, b, stride=stride, padding=padding)
    g = torch.randn(y.shape).to(y.dtype)
    (y * g).sum().backward()
    k = kernel * kernel * channels
    return {
        "batch": batch, "height": height, "width": width, "channels": channels,
        "filters": filters, "kernel": kernel, "stride": stride, "padding": padding,
        "input": flat(images_to_rows(x)),
        "kernels": flat(w.permute(2, 3, 1, 0).reshape(k, filters)),
        "bias": flat(b),
        "upstream": flat(images_to_rows(g)),
        "output": flat(images_to_rows(y)),
        "input_gradient": flat(images_to_rows(x.grad)),
        "kernel_gradient": flat(w.grad.permute(2, 3, 1, 0).reshape(k, filters)),
        "bias_gradient": flat(b.grad),
    }


def pool_case(batch, channels, height, width, size, stride):
    x = torch.randn(batch, channels, height, width, requires_grad=True)
    y = torch.nn.functional.max_pool2d(x, kernel_size=size, stride=stride)
    g = torch.randn_like(y)
    (y * g).sum().backward()
    return {
        "batch": batch, "height": height, "width": width, "channels": channels,
        "size": size, "stride": stride,
        "input": flat(images_to_rows(x)),
        "upstream": flat(images_to_rows(g)),
        "output": flat(images_to_rows(y)),
        "input_gradient": flat(images_to_rows(x.grad)),
    }


fixtures = {
    "torch_version": torch.__version__,
    "conv": [
        conv_case(2, 1, 6, 6, 3, 3, 1, 0),
        conv_case(2, 3, 7, 5, 4, 3, 2, 1),
        conv_case(1, 2, 5, 6, 2, 2, 1, 2),
        conv_case(3, 2, 8, 8, 5, 5, 3, 2),
    ],
    "pool": [
        pool_case(2, 3, 6, 6, 2, 2),
        pool_case(2, 2, 7, 5, 3, 2),
        pool_case(1, 4, 5, 5, 2, 1),
    ],
    # PyTorch float32 (drawn after the float64 cases, so those stay as they were): the
    # course's ConvolutionPrecision.float32 is compared to it within float32 rounding bounds.
    "conv_float32": [
        conv_case(4, 8, 13, 13, 6, 3, 1, 0, dtype=torch.float32),
        conv_case(2, 3, 9, 7, 5, 3, 2, 1, dtype=torch.float32),
    ],
}
out = pathlib.Path("Tests/LayersTests/Fixtures/conv_pool.json")
out.write_text(json.dumps(fixtures, indent=1) + "\n")
print(f"wrote {out}")
