#!/usr/bin/env bash
# Generation on Spark against the local CLI (issue 17), in one run: telco's gaussian copula (fitted
# once, saved) generates ROWS rows with the local CLI on --threads 2 and with Spark local[2] through
# gauntlet-spark's main class, same model, seed and batch size; prints each one's own rows/s (the
# "wrote" line: writing only, after start-up and fitting) and Spark's rate as a ratio of local's
# (target >= 0.7). With CHECK=1 it also checks that the two outputs are the same bytes.
#   ROWS=100000000 PARTITIONS=8 bench/spark.sh      (defaults: 100,000,000 rows, 8 partitions)
# There is no spark-submit here: Spark runs from the module's test class path (see the README's
# "Running on a cluster"). Needs disk for two copies of the output (about 10 GB at 100M rows).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
rows=${ROWS:-100000000}
partitions=${PARTITIONS:-8}
seed=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: building (tests skipped)..." >&2
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios/cli,spark -am package \
  dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test 1>&2
spark_cp=$(tr ':' '\n' < spark/target/cp.txt | grep -v gauntlet- | paste -sd:)
opens=""
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
  java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
  sun.security.action sun.util.calendar; do
  opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
done

./gauntlet generate --fit examples/data/telco_churn.csv --seed "$seed" \
  --save-model "$work/telco.json" >/dev/null

local_line=$(./gauntlet generate --model "$work/telco.json" --rows "$rows" --seed "$seed" \
  --threads 2 --quiet --out "$work/local.csv" | grep '^wrote')
# shellcheck disable=SC2086
spark_line=$(java $opens -cp "spark/target/gauntlet-spark.jar:$spark_cp" dev.gauntlet.spark.SparkMain \
  --master 'local[2]' generate --model "$work/telco.json" --rows "$rows" --seed "$seed" \
  --partitions "$partitions" --out "$work/spark" 2>"$work/spark.log" | grep '^wrote')
echo "local: $local_line"
echo "spark: $spark_line"
rate() { sed -E 's/.* ([0-9,]+) rows\/s\)$/\1/' <<<"$1" | tr -d ,; }
awk -v s="$(rate "$spark_line")" -v l="$(rate "$local_line")" \
  'BEGIN { printf "rows/s: local %d, spark %d, spark/local %.2f (target >= 0.7)\n", l, s, s / l }'
if [ "${CHECK:-0}" = 1 ]; then
  cat "$work/spark/_header.csv" "$work"/spark/part-* | cmp - "$work/local.csv" && echo "same bytes"
fi
