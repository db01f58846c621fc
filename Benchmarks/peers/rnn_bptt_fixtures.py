#!/usr/bin/env python3
"""PyTorch reference vectors for `rnn bptt --parameters FILE.json` (chapter 3.7).

For each cell (nn.RNN tanh, nn.LSTM, nn.GRU; one layer, batch_first=True, float64), several
shapes and both loss kinds, draws random parameters and inputs, runs PyTorch's forward and
autograd backward, and writes one case per entry of
Tests/RecurrentTests/Fixtures/bptt-cases.json:

  {"cases": [{"name": ..., "input": <the parameter file, exactly the format rnn bptt reads>,
              "expected": <what rnn bptt must print: hidden_states, h_T, c_T, output, loss,
                           gradients{...}>}, ...]}

Run: /work/torch-venv/bin/python Benchmarks/peers/rnn_bptt_fixtures.py
Not part of `make test`; the JSON it writes is committed.
"""
import json
import pathlib

import torch

torch.set_default_dtype(torch.float64)
GATES = {"rnn": 1, "lstm": 4, "gru": 3}
SHAPES = [  # (B, T, I, H, O)
    (1, 1, 1, 1, 1),
    (2, 3, 4, 5, 3),
    (3, 7, 2, 4, 2),
    (2, 12, 3, 6, 1),
]


def make_module(cell, i, h):
    cls = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    kwargs = {"nonlinearity": "tanh"} if cell == "rnn" else {}
    return cls(i, h, num_layers=1, batch_first=True, **kwargs)


def case(cell, shape, loss_kind, seed):
    b, t, i, h, o = shape
    torch.manual_seed(seed)
    module = make_module(cell, i, h)
    with torch.no_grad():  # wider than PyTorch's default init, so the gates saturate a bit
        for p in module.parameters():
            p.uniform_(-0.8, 0.8)
    xs = torch.randn(b, t, i, requires_grad=True)
    h0 = (0.5 * torch.randn(1, b, h)).requires_grad_(True)
    c0 = (0.5 * torch.randn(1, b, h)).requires_grad_(True)
    out, state = module(xs, (h0, c0) if cell == "lstm" else h0)
    h_t = state[0] if cell == "lstm" else state
    inp = {
        "cell": cell,
        "weight_ih": module.weight_ih_l0.tolist(),
        "weight_hh": module.weight_hh_l0.tolist(),
        "bias_ih": module.bias_ih_l0.tolist(),
        "bias_hh": module.bias_hh_l0.tolist(),
        "xs": xs.tolist(),
        "h0": h0[0].tolist(),
    }
    if cell == "lstm":
        inp["c0"] = c0[0].tolist()
    expected = {"hidden_states": out.tolist(), "h_T": h_t[0].tolist()}
    if cell == "lstm":
        expected["c_T"] = state[1][0].tolist()
    extra = []
    if loss_kind == "all_states_sse":
        targets = torch.randn(b, t, h)
        loss = ((out - targets) ** 2).sum()
        inp["loss"] = {"kind": loss_kind, "targets": targets.tolist()}
    else:
        readout_weight = torch.randn(o, h, requires_grad=True)
        readout_bias = torch.randn(o, requires_grad=True)
        targets = torch.randn(b, o)
        y = h_t[0] @ readout_weight.T + readout_bias
        loss = ((y - targets) ** 2).sum()
        inp["loss"] = {"kind": loss_kind, "readout_weight": readout_weight.tolist(),
                       "readout_bias": readout_bias.tolist(), "targets": targets.tolist()}
        expected["output"] = y.tolist()
        extra = [("readout_weight", readout_weight), ("readout_bias", readout_bias)]
    loss.backward()
    grads = {
        "weight_ih": module.weight_ih_l0.grad.tolist(),
        "weight_hh": module.weight_hh_l0.grad.tolist(),
        "bias_ih": module.bias_ih_l0.grad.tolist(),
        "bias_hh": module.bias_hh_l0.grad.tolist(),
        "xs": xs.grad.tolist(),
        "h0": h0.grad[0].tolist(),
    }
    if cell == "lstm":
        grads["c0"] = c0.grad[0].tolist()
    for name, tensor in extra:
        grads[name] = tensor.grad.tolist()
    expected["loss"] = loss.item()
    expected["gradients"] = grads
    name = f"{cell}-{loss_kind}-B{b}T{t}I{i}H{h}O{o}"
    return {"name": name, "input": inp, "expected": expected}


def main():
    cases, seed = [], 0
    for cell in GATES:
        for shape in SHAPES:
            for loss_kind in ("all_states_sse", "last_output_sse"):
                seed += 1
                cases.append(case(cell, shape, loss_kind, seed))
    root = pathlib.Path(__file__).resolve().parents[2]
    out = root / "Tests/RecurrentTests/Fixtures/bptt-cases.json"
    out.write_text(json.dumps({"torch": torch.__version__, "cases": cases}) + "\n")
    print(f"wrote {len(cases)} cases to {out}")


if __name__ == "__main__":
    main()
