"""Reference (ε, order) values for the DP-SGD accountant, from Google's dp-accounting.

Run:  pip install dp-accounting && python Benchmarks/peers/dp_accounting_reference.py \
        > Tests/ProductionTests/Fixtures/dp_accounting.json
The orders are the course's: 1 + x/10 for x = 1..99 and the integers 12..63.
"""
import json
import math

import dp_accounting
import dp_accounting.rdp
from dp_accounting.rdp import rdp_privacy_accountant as rdp

ORDERS = [1 + x / 10 for x in range(1, 100)] + list(range(12, 64))

SETTINGS = [
    # (noise multiplier, sample rate, steps, delta)
    (1.1, 256 / 60000, 60000 // 256 * 60, 1e-5),   # Abadi et al. 2016's MNIST setting
    (0.8, 256 / 60000, 60000 // 256 * 15, 1e-5),
    (1.0, 0.01, 1000, 1e-5),
    (2.0, 0.05, 500, 1e-6),
    (0.5, 0.001, 10000, 1e-5),
    (4.0, 0.1, 100, 1e-3),
    (1.3, 1.0, 10, 1e-5),
    (0.7, 0.02, 1, 1e-5),
    (10.0, 0.5, 3000, 1e-5),
]

cases = []
for sigma, q, steps, delta in SETTINGS:
    accountant = dp_accounting.rdp.RdpAccountant(orders=ORDERS)
    event = dp_accounting.PoissonSampledDpEvent(q, dp_accounting.GaussianDpEvent(sigma))
    accountant.compose(event, steps)
    epsilon, order = accountant.get_epsilon_and_optimal_order(delta)
    rdp_values = rdp._compute_rdp_poisson_subsampled_gaussian(q, sigma, ORDERS)
    cases.append({
        "noise_multiplier": sigma, "sample_rate": q, "steps": steps, "delta": delta,
        "epsilon": epsilon, "order": order,
        "rdp_one_step": {str(a): (float(v) if math.isfinite(v) else None) for a, v in zip(ORDERS, rdp_values)},
    })
print(json.dumps({"generator": f"dp-accounting {dp_accounting.__version__ if hasattr(dp_accounting, '__version__') else ''}".strip(),
                  "cases": cases}, indent=1))
