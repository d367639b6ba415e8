#!/usr/bin/env bash
# Benchmark of the deep generators (not a test): trains `vae` and `gan` at default settings
# (300 epochs) on examples/data/telco_churn.csv and prints training time, median epoch time,
# quality score (SDMetrics definition) and exact-copy share, and the per-epoch time of the same
# VAE network in Debian's python3-torch on the same encoded data, and the ratio. PyTorch runs
# right after Gauntlet's VAE, before the GAN, so that on a shared machine both VAEs meet about the
# same load.
# Targets (issue 6, 2-core CPU): quality >= 0.85, exact copies <= 1 %, VAE <= 60 s, GAN <= 150 s,
# VAE epoch no slower than PyTorch's.
# Usage: bench/deep.sh [epochs]   (default 300; takes several minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
epochs="${1:-300}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios -am package 1>&2
cp="generators/target/classes:scenarios/target/lib/*"

gauntlet() {
  java -cp "$cp" dev.gauntlet.generators.deep.DeepBenchmark examples/data/telco_churn.csv "$out" "$1" "$epochs" \
    2> >(grep -v -e SLF4J -e AutoNonVariableTypeMode >&2) | tee -a "$out/java.txt"
}

echo "== Gauntlet (DJL $(ls scenarios/target/lib | grep -o 'pytorch-engine-[0-9.]*[0-9]' | head -1), libtorch 2.7.1, 1 thread)"
gauntlet vae

echo "== PyTorch (Debian python3-torch), same VAE, same encoded data"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  policy="$(apt-cache policy python3-torch 2>/dev/null || true)"
  if [[ "$policy" == *"Candidate: "[0-9]* ]]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch) >/dev/null 2>&1 \
      || echo "could not install python3-torch; skipping the comparison"
  else
    echo "python3-torch is not available here; skipping the comparison"
  fi
fi
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 bench/deep_vae_torch.py "$out" 30 | tee "$out/torch.txt"
  java_ms=$(grep -o '^vae .*epoch_ms_median=[0-9.]*' "$out/java.txt" | grep -o '[0-9.]*$')
  torch_ms=$(grep -o 'epoch_ms_median=[0-9.]*' "$out/torch.txt" | grep -o '[0-9.]*$')
  awk -v j="$java_ms" -v t="$torch_ms" \
    'BEGIN { printf "vae epoch time ratio DJL/PyTorch = %.2f (%.1f ms / %.1f ms; target <= 1)\n", j / t, j, t }'
fi

echo "== Gauntlet gan"
gauntlet gan
