#!/usr/bin/env bash
# Benchmark of the scenario engine (not a test): runs bench/scenario.yaml (7,043 telco customers,
# 5 variants x 5 severities: drift, missing values, noise, label flips with refits, FGSM) with
# --threads 1 and --threads 2, alternating, and prints
#  - the speed-up of 2 threads over 1: the ratio of the runs' wall times (the best of each, as the
#    runner measures its own wall time, JVM start excluded), both measured in this run;
#  - the engine's own overhead at 1 thread: wall time minus the time spent inside the library
#    (reading data, perturbations, model fits and calls, attacks, metrics, bootstrap), as a share
#    of the wall time, from report.json's timings.
# Targets (issue 12, an idle 2-core machine): speed-up >= 1.7, overhead <= 5 %.
# Usage: bench/scenario.sh [rounds]   (default 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
scenario=bench/scenario.yaml

./gauntlet run --list >/dev/null 2>&1 || ./gauntlet run --list >/dev/null  # builds the CLI if need be

for i in $(seq 1 "$rounds"); do
  for t in 1 2; do
    ./gauntlet run "$scenario" --threads "$t" --quiet --out "$out/t$t-$i" 2>/dev/null
  done
done

/usr/bin/python3 - "$out" "$rounds" <<'PY'
import json, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def report(t, i):
    return json.load(open(f"{out}/t{t}-{i}/report.json"))
one = [report(1, i) for i in range(1, rounds + 1)]
two = [report(2, i) for i in range(1, rounds + 1)]
wall1 = [r["timings"]["wall"]["seconds"] for r in one]
wall2 = [r["timings"]["wall"]["seconds"] for r in two]
import os
print(f"processors: {os.cpu_count()}, load average before the last run: {os.getloadavg()[0]:.1f}; runs per thread count: {rounds}")
print("wall, 1 thread:  " + ", ".join(f"{w:.2f} s" for w in wall1))
print("wall, 2 threads: " + ", ".join(f"{w:.2f} s" for w in wall2))
print(f"speed-up of --threads 2 over --threads 1 (best of each): {min(wall1) / min(wall2):.2f}x")
best = one[wall1.index(min(wall1))]
work = best["timings"]["work"]
inside = sum(work.values())
wall = best["timings"]["wall"]["seconds"]
print("time inside the library at 1 thread: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(work.items())))
print(f"engine overhead at 1 thread: {wall - inside:.2f} s of {wall:.2f} s = {100 * (wall - inside) / wall:.1f} %")
same = all(
    {k: v for k, v in r.items() if k != "timings"} == {k: v for k, v in one[0].items() if k != "timings"}
    for r in one + two)
print("reports identical apart from timings across all runs:", same)
PY
