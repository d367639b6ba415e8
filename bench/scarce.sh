#!/usr/bin/env bash
# Benchmark of the generators on scarce data (issue 19; not a test). For every dataset in
# examples/data (or those named), splits the rows into two seeded halves, fits each generator at
# its default settings on the training half (`generate --fit ... --rows <unseen half's size>`)
# and scores the rows it makes against the unseen half:
#   quality   SDMetrics' quality score (`compare --json`, quality_score) against the unseen half
#   copies    share of synthetic rows that are exact copies of a training row; `unseen` is the
#             same share for the unseen half's own rows (the rate an honest sample collides)
#   distinct  distinct synthetic rows / distinct unseen rows
#   seconds   wall time of the whole `generate` run (JVM start, fit, sampling, writing)
# Done when (issue 19): quality >= 0.85 and within 0.10 of the copula, copies <= unseen + 5
# points, distinct >= 0.80, each fit on <= 2,000 rows under 90 s on a 2-core machine.
# Runs under `nice -n 10`; on a shared machine the times are inflated.
# Usage: bench/scarce.sh [--generators g1,g2,..] [dataset ...]   (dataset = name without .csv)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
generators="gaussian-copula,vae,gan,auto"
if [[ "${1:-}" == "--generators" ]]; then
  generators="$2"
  shift 2
fi
datasets=("$@")
if [[ ${#datasets[@]} -eq 0 ]]; then
  for f in examples/data/*.csv; do datasets+=("$(basename "$f" .csv)"); done
fi
py=/usr/bin/python3
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./gauntlet --version >/dev/null 2>&1 || true # builds the CLI once, outside the timings

printf '%-14s %-16s %7s %7s %7s %8s %8s\n' dataset generator quality copies unseen distinct seconds
for ds in "${datasets[@]}"; do
  # the seeded halves: pandas' sample with a fixed random_state
  "$py" - "examples/data/$ds.csv" "$out/train.csv" "$out/unseen.csv" <<'PY'
import sys, pandas as pd
d = pd.read_csv(sys.argv[1])
train = d.sample(frac=0.5, random_state=19)
train.to_csv(sys.argv[2], index=False)
d.drop(train.index).to_csv(sys.argv[3], index=False)
PY
  rows=$(($(wc -l <"$out/unseen.csv") - 1))
  for g in ${generators//,/ }; do
    start=$(date +%s.%N)
    if ! nice -n 10 ./gauntlet generate --fit "$out/train.csv" --generator "$g" --rows "$rows" \
      --seed 3 --out "$out/synth.csv" --quiet -p progress=false >"$out/gen.log" 2>&1 &&
      ! nice -n 10 ./gauntlet generate --fit "$out/train.csv" --generator "$g" --rows "$rows" \
        --seed 3 --out "$out/synth.csv" --quiet >"$out/gen.log" 2>&1; then
      printf '%-14s %-16s failed: %s\n' "$ds" "$g" "$(tail -1 "$out/gen.log")"
      continue
    fi
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    nice -n 10 ./gauntlet compare "$out/unseen.csv" "$out/synth.csv" --json --quiet \
      >"$out/cmp.json" 2>/dev/null || true
    "$py" - "$out" "$ds" "$g" "$seconds" <<'PY'
import json, sys, pandas as pd
o, ds, g, secs = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
train = pd.read_csv(f"{o}/train.csv")
unseen = pd.read_csv(f"{o}/unseen.csv")
synth = pd.read_csv(f"{o}/synth.csv")[list(train.columns)]
def key(df):
    # rows as text, so 1 and 1.0 or a missing value compare as the CSV shows them
    return df.astype(str).agg("\x1f".join, axis=1)
seen = set(key(train))
def copies(df):
    return key(df).isin(seen).mean()
q = json.load(open(f"{o}/cmp.json"))["quality_score"]
distinct = key(synth).nunique() / key(unseen).nunique()
print(f"{ds:<14} {g:<16} {q:7.3f} {100*copies(synth):6.1f}% {100*copies(unseen):6.1f}% {distinct:8.2f} {secs:8.1f}")
PY
  done
done
