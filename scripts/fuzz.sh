#!/usr/bin/env bash
# Fuzzes the IDX/gzip data reader with libFuzzer for a bounded time (`make fuzz`).
#
#   FUZZ_SECONDS=60   how long to run (default 60)
#   FUZZ_JOBS=1       parallel fuzzing processes (the machine is shared: default 1)
#
# Builds Fuzz/IDXFuzzTarget.swift together with the reader's sources (IDX.swift, Gzip.swift,
# DatasetError.swift) using `swiftc -sanitize=fuzzer,address`; `swift build` never sees it,
# so normal builds and `make test` do not need libFuzzer. ld.gold's "Cannot export local
# symbol" warnings about ASan symbols are harmless and filtered out.
#
# The committed seed corpus (Fuzz/corpus/, made by Fuzz/make-corpus.py from the real headers)
# is read-only; new inputs go to .build/fuzz/corpus. A crash is saved as
# .build/fuzz/crash-<sha1>: turn it into a test in
# Tests/DatasetsTests/IDXFuzzRegressionTests.swift (mode byte first, then the file bytes).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-1}
work=.build/fuzz
mkdir -p "$work/corpus"

swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name IDXFuzz -I Sources/CZlib \
  Sources/Datasets/IDX.swift Sources/Datasets/Gzip.swift Sources/Datasets/DatasetError.swift \
  Fuzz/IDXFuzzTarget.swift -o "$work/idx-fuzz" 2>&1 | { grep -v "Cannot export local symbol" || true; }

# -rss_limit_mb: the target's bound (16 MiB files) plus ASan's overhead; a reader that
# allocates beyond this is a bug, which libFuzzer reports as "out-of-memory".
# With -jobs, libFuzzer writes fuzz-N.log into the current folder: run from $work.
root=$(pwd)
cd "$work"
parallel=()
if [[ "$jobs" -gt 1 ]]; then parallel=(-jobs="$jobs" -workers="$jobs"); fi
./idx-fuzz corpus "$root/Fuzz/corpus" -max_total_time="$seconds" "${parallel[@]}" \
  -rss_limit_mb=1024 -malloc_limit_mb=256 -max_len=8192 -artifact_prefix="./" \
  -print_final_stats=1
