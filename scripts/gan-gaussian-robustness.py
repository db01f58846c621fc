#!/usr/bin/env python3
"""Checks `gan gaussian` on 12 random 2-D Gaussian targets and several seeds, with the
chapter's one recipe: eigenvalues of the covariance uniform in [0.3, 3], a random
orientation, means uniform in [-3, 3]^2. Goal per run: learned mean within 0.1 per
coordinate, every covariance entry within 10% of the largest target entry.

Usage: python3 scripts/gan-gaussian-robustness.py [TARGET_SEED [SEEDS [STEPS]]]
       e.g. python3 scripts/gan-gaussian-robustness.py 0 1,2,3,4,5
Needs the release build: swift build -c release --product gan
"""
import json, math, os, random, subprocess, sys
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
seeds = [int(s) for s in sys.argv[2].split(",")] if len(sys.argv) > 2 else [1, 2, 3]
steps = sys.argv[3] if len(sys.argv) > 3 else None
binary = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".build", "release", "gan")
ok = total = 0
worst_m = worst_c = 0
for t in range(12):
    # random SPD: eigenvalues in [0.3, 3], random rotation
    l1, l2 = random.uniform(0.3, 3), random.uniform(0.3, 3)
    th = random.uniform(0, math.pi)
    c, s = math.cos(th), math.sin(th)
    a = l1*c*c + l2*s*s; d = l1*s*s + l2*c*c; b = (l1-l2)*c*s
    m = [random.uniform(-3, 3), random.uniform(-3, 3)]
    for seed in seeds:
        args = [binary, "gaussian", "--mean", f"{m[0]:.4f},{m[1]:.4f}", "--covariance",
                f"{a:.4f},{b:.4f};{b:.4f},{d:.4f}", "--json", "--seed", str(seed)]
        if steps: args += ["--steps", steps]
        out = subprocess.run(args, capture_output=True, text=True)
        r = json.loads(out.stdout)
        tm, tc, lm, lc = r["target_mean"], r["target_covariance"], r["learned_mean"], r["learned_covariance"]
        me = max(abs(x-y) for x, y in zip(tm, lm))
        big = max(abs(v) for row in tc for v in row)
        ce = max(abs(lc[i][j]-tc[i][j]) for i in range(2) for j in range(2)) / big
        good = me <= 0.1 and ce <= 0.1
        ok += good; total += 1
        worst_m = max(worst_m, me); worst_c = max(worst_c, ce)
        print(f"target {t} seed {seed}: mean err {me:.4f} cov err {100*ce:.2f}% {'ok' if good else 'FAIL'}", flush=True)
print(f"success {ok}/{total}; worst mean error {worst_m:.4f}, worst covariance error {100*worst_c:.2f}%")
