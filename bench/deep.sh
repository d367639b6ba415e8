#!/usr/bin/env bash
# Benchmark of the deep generators (not a test): trains `vae` and `gan` at default settings
# (300 epochs) on examples/data/telco_churn.csv and prints training time, median epoch time,
# quality score (SDMetrics definition) and exact-copy share, and the per-epoch time of the same
# VAE network in Debian's python3-torch on the same encoded data, and the ratio: both on one
# thread (Gauntlet's default), then, 30 epochs each, both with matrix products on two threads.
# PyTorch runs right after Gauntlet's VAE, before the GAN, so that on a shared machine both VAEs
# meet about the same load.
# Targets (issue 6, 2-core CPU): quality >= 0.85, exact copies <= 1 %, VAE <= 60 s, GAN <= 150 s,
# VAE epoch (one thread each) no slower than PyTorch's.
# Usage: bench/deep.sh [epochs]   (default 300; takes several minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
epochs="${1:-300}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios/cli -am package 1>&2
cp="generators/deep/target/classes:generators/target/classes:scenarios/cli/target/lib/*"

# gauntlet MODEL EPOCHS [JVM options]: prints the model's summary line, also into $out/java.txt
gauntlet() {
  java "${@:3}" -cp "$cp" dev.gauntlet.generators.deep.DeepBenchmark examples/data/telco_churn.csv "$out" "$1" "$2" \
    2> >(grep -v -e SLF4J -e AutoNonVariableTypeMode >&2) | tee "$out/java.txt"
}

# ratio LABEL: the last Gauntlet VAE epoch against the last PyTorch one
ratio() {
  java_ms=$(grep -o '^vae .*epoch_ms_median=[0-9.]*' "$out/java.txt" | grep -o '[0-9.]*$')
  torch_ms=$(grep -o 'epoch_ms_median=[0-9.]*' "$out/torch.txt" | grep -o '[0-9.]*$')
  awk -v j="$java_ms" -v t="$torch_ms" -v label="$1" \
    'BEGIN { printf "vae epoch time ratio DJL/PyTorch, %s = %.2f (%.1f ms / %.1f ms)\n", label, j / t, j, t }'
}

echo "== Gauntlet (DJL $(ls scenarios/cli/target/lib | grep -o 'pytorch-engine-[0-9.]*[0-9]' | head -1), libtorch 2.7.1, 1 thread)"
gauntlet vae "$epochs"

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
  /usr/bin/python3 bench/deep_vae_torch.py "$out" 30 1 | tee "$out/torch.txt"
  ratio "one thread each (target <= 1)"
  echo "== Both again, 30 epochs, matrix products on two threads"
  gauntlet vae 30 -Dai.djl.pytorch.num_threads=2
  /usr/bin/python3 bench/deep_vae_torch.py "$out" 30 2 | tee "$out/torch.txt"
  ratio "two threads each"
fi

echo "== Gauntlet gan"
gauntlet gan "$epochs"
