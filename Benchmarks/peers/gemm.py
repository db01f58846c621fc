#!/usr/bin/env python3
"""GEMM peer: NumPy float64 `a @ b` for the sizes `bench` measures.

Prints JSON: {"gemm": [{"n": 64, "numpy_gflops": ...}, ...]}. The method matches
Sources/bench: monotonic clock, warm-up, batches of at least ~2 ms, about 0.2 s per size
(0.03 s with --quick), the best batch (or with --statistic median the median batch).
Without NumPy it prints a note on stderr and an empty result, and exits 0, so
`make bench` still shows our own numbers. Options it does not know (bench's own, such as
--only) are ignored, so scripts/bench.sh can pass the same arguments to both.
"""
import argparse
import json
import sys
from timing import seconds_per_call  # the shared timing loop (same folder)

FULL_SIZES = [64, 128, 256, 512, 1024]
QUICK_SIZES = [64, 256]


def main():
    parser = argparse.ArgumentParser(description="NumPy GEMM peer of `bench`")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--statistic", choices=["best", "median"], default="best")
    args, _ = parser.parse_known_args()
    try:
        import numpy as np
    except ImportError:
        print("note: numpy is not installed; no NumPy peer numbers", file=sys.stderr)
        print(json.dumps({"gemm": []}))
        return 0
    target = 0.03 if args.quick else 0.2
    rng = np.random.default_rng(0)
    results = []
    for n in QUICK_SIZES if args.quick else FULL_SIZES:
        a = rng.uniform(-1, 1, (n, n))
        b = rng.uniform(-1, 1, (n, n))
        t = seconds_per_call(lambda: a @ b, target, calls_per_sample=None, statistic=args.statistic)
        results.append({"n": n, "numpy_gflops": 2 * n**3 / t / 1e9})
    print(json.dumps({"gemm": results, "numpy_version": np.__version__,
                      "statistic": args.statistic}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
