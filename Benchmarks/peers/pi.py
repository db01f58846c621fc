#!/usr/bin/env python3
"""π peer: NumPy, vectorised, one core: the same 10⁷ darts that `bench` times.

Prints JSON: {"pi": [{"samples": 10000000, "numpy_ms_per_1e7": ...}]}. Darts are drawn
with NumPy's default generator (PCG64) in chunks of 10⁶, so memory stays bounded, and
x² + y² < 1 is counted with array operations: the idiomatic fast NumPy version. The best
of several runs is reported (or the median with --statistic median). Without NumPy: a
note on stderr, an empty result, exit 0. Unknown options are ignored.
"""
import argparse
import json
import sys
from timing import seconds_per_call  # the shared timing loop (same folder)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--statistic", default="best", choices=["best", "median"])
    args, _ = parser.parse_known_args()
    try:
        import numpy as np
    except ImportError:
        print("pi.py: numpy is not installed; no peer numbers", file=sys.stderr)
        print(json.dumps({"pi": []}))
        return

    samples = 1_000_000 if args.quick else 10_000_000
    chunk = 1_000_000
    rng = np.random.default_rng(1)

    def estimate():
        hits = 0
        for _ in range(samples // chunk):
            x = rng.random(chunk)
            y = rng.random(chunk)
            hits += int(np.count_nonzero(x * x + y * y < 1.0))
        return 4.0 * hits / samples

    value = None

    def run():
        nonlocal value
        value = estimate()

    seconds = seconds_per_call(run, 0, minimum_samples=3 if args.quick else 5,
                               statistic=args.statistic)
    assert abs(value - 3.141592653589793) < 0.01, value
    print(json.dumps({"pi": [{"samples": samples,
                              "numpy_ms_per_1e7": seconds * 1e3 * 1e7 / samples}]}))


if __name__ == "__main__":
    main()
