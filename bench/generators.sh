#!/usr/bin/env bash
# The generators' speed benchmark (issue 3): cells/s of independent and gaussian-copula generation
# as ratios to a one-thread Ziggurat fill measured in the same run (median of interleaved rounds),
# and the 2-thread speed-up. Run it on an otherwise idle machine.
#   bench/generators.sh [DATA.csv] [rounds]      (defaults: examples/data/telco_churn.csv, 7)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
echo "bench: building (tests skipped)..." >&2
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios/cli -am package 1>&2
exec java ${GAUNTLET_JAVA_OPTS:-} -cp "scenarios/cli/target/gauntlet-cli.jar:scenarios/cli/target/lib/*" \
  dev.gauntlet.generators.stat.GeneratorBenchmark "$@"
