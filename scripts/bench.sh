#!/usr/bin/env bash
# Runs our benchmarks and the NumPy peer, then prints one GEMM table with both and the
# ratios, and the element-wise table. `make bench` builds the release `bench` first.
# Extra arguments go to both (e.g. `bash scripts/bench.sh --quick`). The peers run with
# $PYTHON (default python3): `PYTHON=/path/to/venv/bin/python make bench` for PyTorch.
set -euo pipefail
cd "$(dirname "$0")/.."

bench=.build/release/bench
if [[ ! -x "$bench" ]]; then
  echo "bench.sh: $bench not found; build it with: swift build -c release --product bench" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bench" --json "$@" > "$work/ours.json"
python=${PYTHON:-python3}
if command -v "$python" > /dev/null; then
  "$python" Benchmarks/peers/gemm.py "$@" > "$work/numpy.json"
  "$python" Benchmarks/peers/pi.py "$@" > "$work/numpy-pi.json"
  "$python" Benchmarks/peers/training_step.py --ours "$bench" "$@" > "$work/peers-step.json"
  "$python" Benchmarks/peers/adam_update.py --ours "$bench" "$@" > "$work/peers-adam.json"
  "$python" Benchmarks/peers/rnn_step.py "$@" > "$work/peers-rnn.json"
  "$python" Benchmarks/peers/gan_step.py "$@" > "$work/peers-gan.json"
else
  echo "bench.sh: $python not found; showing our numbers only" >&2
  "$bench" "$@"
  exit 0
fi

"$python" - "$work/ours.json" "$work/numpy.json" "$work/numpy-pi.json" "$work/peers-step.json" \
  "$work/peers-adam.json" "$work/peers-rnn.json" "$work/peers-gan.json" <<'PY'
import json
import sys

ours = json.load(open(sys.argv[1]))
peer = json.load(open(sys.argv[2]))
peer_pi = json.load(open(sys.argv[3])).get("pi", [])
step_json = json.load(open(sys.argv[4]))
peer_step = {r["peer"]: r["ms_per_step"] for r in step_json.get("training_step", [])}
step_rounds = step_json.get("rounds", [])
adam_json = json.load(open(sys.argv[5]))
peer_adam = {r["peer"]: r["ms_per_step"] for r in adam_json.get("adam_update", [])}
adam_rounds = adam_json.get("rounds", [])
numpy_by_n = {row["n"]: row["numpy_gflops"] for row in peer.get("gemm", [])}


def table(title, header, rows):
    cells = [header] + rows
    widths = [max(len(r[c]) for r in cells) for c in range(len(header))]
    print(title)
    for i, row in enumerate(cells):
        print("  ".join(cell.rjust(w) for cell, w in zip(row, widths)))
        if i == 0:
            print("  ".join("-" * w for w in widths))
    print()


def fmt(x, digits=2):
    return "—" if x is None else f"{x:.{digits}f}"


rows = []
for g in ours.get("gemm", []):
    numpy = numpy_by_n.get(g["n"])
    rows.append([
        str(g["n"]),
        fmt(g["matmul_gflops"]),
        fmt(g["inplace_gflops"]),
        fmt(g["cblas_gflops"]),
        fmt(numpy),
        fmt(g.get("matmul_over_cblas", g["matmul_gflops"] / g["cblas_gflops"]), 3),
        fmt(None if numpy is None else g["matmul_gflops"] / numpy, 3),
    ])
statistic = ours.get("meta", {}).get("statistic", "best")
print(f"Per-call times: {statistic} batch, about {ours.get('meta', {}).get('target_seconds')} s "
      "per candidate.\n")
table(
    "GEMM C = A·B, n×n float64, GFLOP/s (ratios are speed, > 1 = matmul faster;\n"
    "matmul/cblas: same process, interleaved; matmul/NumPy: separate runs, NumPy's own OpenBLAS)",
    ["n", "matmul", "matmul(into:)", "cblas_dgemm", "NumPy", "matmul/cblas", "matmul/NumPy"],
    rows)
if not numpy_by_n:
    print("(no NumPy numbers: numpy is not installed)\n")

rows = [[str(e["count"]), fmt(e["add_gbps"]), fmt(e["inplace_add_gbps"]),
         fmt(e["raw_loop_gbps"]), fmt(e["inplace_add_gbps"] / e["raw_loop_gbps"], 3)]
        for e in ours.get("elementwise", [])]
if rows:
    table("Element-wise add, float64, GB/s (24 bytes per element: read 2, write 1)",
          ["elements", "a + b", "a += b", "raw loop", "(a += b)/raw"], rows)

numpy_pi = {row["samples"]: row["numpy_ms_per_1e7"] for row in peer_pi}
rows = []
for p in ours.get("pi", []):
    numpy = numpy_pi.get(p["samples"])
    rows.append([str(p["samples"]), fmt(p["one_stream_ms_per_1e7"], 1),
                 fmt(p["ms_per_1e7"], 1), fmt(numpy, 1),
                 fmt(None if numpy is None else numpy / p["ms_per_1e7"], 2)])
if rows:
    table("π by darts, one core, ms per 10⁷ samples (speed-up > 1 = ours faster)",
          ["samples", "estimatePi", "interleaved", "NumPy", "NumPy/interleaved"], rows)

rows = []
for r in ours.get("training_step", []):
    mine = r["ms_per_step"]
    if r["network"] == "mlp_784_256_10_sgd":
        numpy, torch = peer_step.get("numpy"), peer_step.get("pytorch")
        if "ours" in peer_step:
            # The A/B rows below are one run, interleaved; the ratios come from the rounds
            # timed side by side with the peers (best round each).
            rows.append(["784-256-10, SGD", fmt(mine, 3), "—", "—", "—", "—"])
            mine = peer_step["ours"]
        rows.append(["784-256-10, SGD, side by side with the peers" if "ours" in peer_step
                     else "784-256-10, SGD", fmt(mine, 3), fmt(numpy, 3), fmt(torch, 3),
                     fmt(None if numpy is None else mine / numpy, 2),
                     fmt(None if torch is None else mine / torch, 2)])
    elif r["network"] == "mlp_784_256_10_sgd_openblas":
        rows.append(["784-256-10, SGD, OpenBLAS only", fmt(mine, 3), "—", "—", "—", "—"])
    elif r["network"] == "mlp_784_256_10_sgd_dispatch":
        rows.append(["784-256-10, SGD, Dispatch instead of the pair worker", fmt(mine, 3),
                     "—", "—", "—", "—"])
    elif r["network"] == "mlp_784_256_10_sgd_formed":
        rows.append(["784-256-10, SGD, gradients formed before the update", fmt(mine, 3),
                     "—", "—", "—", "—"])
    else:
        rows.append(["784-256-128-10, Adam", fmt(mine, 3), "—", "—", "—", "—"])
if rows:
    table("MLP training step, batch 128, float64, ms per step (time ratios: < 1 = ours faster)",
          ["network", "ours", "NumPy", "PyTorch", "ours/NumPy", "ours/PyTorch"], rows)
    if "pytorch" not in peer_step:
        print("(no PyTorch numbers: `pip install torch` to include them)\n")
    elif step_rounds:
        per_round = ", ".join(f"{r['ours'] / r['pytorch']:.2f}" for r in step_rounds)
        print(f"784-256-10 SGD: ours and the peers in {len(step_rounds)} alternating rounds, "
              f"best round each;\nours/PyTorch round by round: {per_round}\n")
rows = []
for r in ours.get("adam_update", []):
    torch = peer_adam.get("pytorch_fused")
    mine = peer_adam.get("ours", r["ms_per_step"])  # the side-by-side rounds' best, if run
    rows.append([str(int(r["parameters"])), fmt(mine, 3), fmt(torch, 3),
                 fmt(None if torch is None else mine / torch, 2)])
if rows:
    table("Adam update, float64, ms per step (time ratio: < 1 = ours faster)",
          ["parameters", "ours", "PyTorch fused", "ours/PyTorch"], rows)
    if adam_rounds and all("pytorch_fused" in r for r in adam_rounds):
        per_round = ", ".join(f"{r['ours'] / r['pytorch_fused']:.2f}" for r in adam_rounds)
        print(f"Adam: ours and PyTorch in {len(adam_rounds)} alternating rounds, best round "
              f"each;\nours/PyTorch round by round: {per_round}\n")

peer_rnn = {(r["peer"], r["cell"]): r["ms_per_step"]
            for r in json.load(open(sys.argv[6])).get("recurrent_step", [])}
rows = []
for r in ours.get("recurrent_step", []):
    mine, cell = r["ms_per_step"], r["cell"]
    numpy, torch = peer_rnn.get(("numpy", cell)), peer_rnn.get(("pytorch", cell))
    rows.append([cell, fmt(mine, 3), fmt(numpy, 3), fmt(torch, 3),
                 fmt(None if numpy is None else mine / numpy, 2),
                 fmt(None if torch is None else mine / torch, 2)])
if rows:
    table("Recurrent training step, B 32, T 50, I 16, H 64, BPTT + Adam, float64, ms per step\n"
          "(time ratios: < 1 = ours faster)",
          ["cell", "ours", "NumPy", "PyTorch", "ours/NumPy", "ours/PyTorch"], rows)

peer_gan = {r["peer"]: r["ms_per_step"]
            for r in json.load(open(sys.argv[7])).get("gan_step", [])}
rows = []
for r in ours.get("gan_step", []):
    mine = r["ms_per_step"]
    numpy, torch = peer_gan.get("numpy"), peer_gan.get("pytorch")
    threads = int(r.get("threads", 1))
    only = (", OpenBLAS only" if r.get("openblas_only") else
            ", Dispatch instead of the pair worker" if r.get("dispatch") else "")
    rows.append([f"G 2-64-64-2, D 2-64-64-1, {threads} thread{'s' if threads > 1 else ''}{only}",
                 fmt(mine, 3), fmt(numpy, 3), fmt(torch, 3),
                 fmt(None if numpy is None else mine / numpy, 2),
                 fmt(None if torch is None else mine / torch, 2)])
if rows:
    table("GAN step (one D + one G update), batch 256, Adam, float64, ms per step "
          "(time ratios: < 1 = ours faster)",
          ["networks", "ours", "NumPy", "PyTorch", "ours/NumPy", "ours/PyTorch"], rows)

by_batch = {}
for r in ours.get("inference", []):
    by_batch.setdefault(int(r["batch"]), {})[r["format"]] = r
rows = []
for batch, f in sorted(by_batch.items()):
    row = [str(batch)] + [fmt(f.get(k, {}).get("ms_per_batch"), 4)
                          for k in ("float64", "float32", "int8")]
    row += [fmt(f.get(k, {}).get("time_ratio_to_float64"), 3) for k in ("float32", "int8")]
    rows.append(row)
if rows:
    table("MLP 784-256-10 inference (chapter 2.3's DeployedMLP), ms per batch; time ratios to "
          "float64,\nsame process, interleaved (< 1 = faster)",
          ["batch", "float64", "float32", "int8", "float32/float64", "int8/float64"], rows)
PY

# The CNN training step against PyTorch float64/float32 and NumPy im2col, timed in one
# run with ours (rounds interleaved); ratios on stderr. Needs numpy and torch.
"$python" Benchmarks/peers/conv_step.py --ours "$bench" "$@" > /dev/null || true
