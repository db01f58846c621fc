"""Learning rates of torch.optim.lr_scheduler, the reference for LearningRateSchedule.

Writes Tests/OptimizersTests/Fixtures/lr_schedules.json: for each case the schedule's
parameters (as LearningRateScheduleTests builds them) and the rate before each of the
first `steps` optimizer steps, i.e. param_groups[0]["lr"] after t calls of
scheduler.step(), t = 0 … steps − 1.

Run: /work/torch-venv/bin/python Benchmarks/peers/lr_schedules.py   (needs torch)
"""

import json
import pathlib
import warnings

import torch
from torch.optim import SGD
from torch.optim import lr_scheduler as S

warnings.filterwarnings("ignore")  # SequentialLR's "step() before optimizer.step()" notice
torch.set_default_dtype(torch.float64)
BASE = 0.1


def rates(make, steps):
    """The rate before each step of a fresh SGD whose scheduler `make` builds."""
    parameter = torch.zeros(1, requires_grad=True)
    optimizer = SGD([parameter], lr=BASE)
    scheduler = make(optimizer)
    out = []
    for _ in range(steps):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return out


CASES = [
    ("step", {"size": 3, "factor": 0.5}, lambda o: S.StepLR(o, step_size=3, gamma=0.5), 13),
    ("step", {"size": 1, "factor": 0.9}, lambda o: S.StepLR(o, step_size=1, gamma=0.9), 40),
    (
        "cosine",
        {"period": 10, "minimum": 0.001},
        lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001),
        11,
    ),
    ("cosine", {"period": 7, "minimum": 0.0}, lambda o: S.CosineAnnealingLR(o, T_max=7), 8),
    (
        "linear",
        {"from": 0.25, "to": 1.0, "steps": 5},
        lambda o: S.LinearLR(o, start_factor=0.25, end_factor=1.0, total_iters=5),
        10,
    ),
    (
        "linear",
        {"from": 1.0, "to": 0.1, "steps": 8},
        lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=8),
        12,
    ),
    (
        "warmup_cosine",
        {"warmup": 4, "from": 0.1, "period": 6, "minimum": 0.0},
        lambda o: S.SequentialLR(
            o,
            [
                S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=4),
                S.CosineAnnealingLR(o, T_max=6),
            ],
            milestones=[4],
        ),
        11,
    ),
    (
        "warmup_step",
        {"warmup": 3, "from": 0.5, "size": 2, "factor": 0.1},
        lambda o: S.SequentialLR(
            o,
            [
                S.LinearLR(o, start_factor=0.5, end_factor=1.0, total_iters=3),
                S.StepLR(o, step_size=2, gamma=0.1),
            ],
            milestones=[3],
        ),
        9,
    ),
]

fixture = {
    "torch": torch.__version__,
    "base": BASE,
    "cases": [
        {"kind": kind, "parameters": parameters, "rates": rates(make, steps)}
        for kind, parameters, make, steps in CASES
    ],
}
path = pathlib.Path(__file__).parents[2] / "Tests/OptimizersTests/Fixtures/lr_schedules.json"
path.write_text(json.dumps(fixture, indent=1) + "\n")
print(f"wrote {path}")
