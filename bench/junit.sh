#!/usr/bin/env bash
# Benchmark of the JUnit extension (not a test): examples/scenarios/churn-world.yaml run as a
# @ScenarioTest through JUnit against the same scenario through the engine directly (read, run,
# reports written), alternating in one JVM, and the share the extension adds to the median.
# Target (issue 15): under 10 %.
# Usage: bench/junit.sh [rounds]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cp="$(mktemp)"
trap 'rm -f "$cp"' EXIT
./mvnw -B -q -pl junit-extension -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp" -Dmdep.includeScope=test >/dev/null
classes="junit-extension/target/test-classes:junit-extension/target/classes"
classes="$classes:scenarios/engine/target/classes:generators/target/classes:framework/target/classes"
java -cp "$classes:$(cat "$cp")" dev.gauntlet.junit.bench.ScenarioTestOverhead "${1:-5}" 2>/dev/null
