#!/usr/bin/env bash
# Runs our benchmarks and the NumPy peers, then prints the ratios (ours / NumPy).
set -euo pipefail
.build/release/bench
