#!/usr/bin/env bash
# Benchmark of the JUnit extension (not a test): examples/scenarios/churn-world.yaml run as a
# @ScenarioTest through JUnit, as a plain @Test through JUnit that calls the engine itself (read,
# run, reports written), and as that bare engine call, alternating in one JVM after rounds/2
# warm-up rounds; prints the share the extension adds to the plain test's median, and what JUnit
# and the extension add together to the bare call's.
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
