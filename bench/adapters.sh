#!/usr/bin/env bash
# Benchmark of the model adapters (not a test): rows per second on 100,000 rows (iris repeated)
# through the onnx adapter against ONNX Runtime's Java API called directly, the torchscript adapter
# against a DJL predictor called directly (the credit MLP on 100,000 credit rows: there is no iris
# TorchScript model), and the http adapter against Gauntlet's KServe v2 server on 127.0.0.1; the
# direct calls run in the same JVM and run, on the same float32 batches of 1024 rows.
# Targets (issue 13): each adapter >= 0.8 of its direct call; HTTP is reported, with no target.
# Usage: bench/adapters.sh   (about a minute)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios/cli -am package 1>&2
cp="scenarios/cli/target/gauntlet-cli.jar:scenarios/cli/target/lib/*"
java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1 \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=error \
  -cp "$cp" bench/AdapterBenchmark.java examples
