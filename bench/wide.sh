#!/usr/bin/env bash
# Wide categorical columns (issue 11): compare of a weather-like table (1,461 rows: a date column,
# 4 numeric, 1 categorical) against its gaussian-copula copy with --label, target under 10 s; and of
# a 40,000-row loan-like table with one 1,460-level categorical column (a numeric column with one
# "N/A") against its copy with --label, target under 30 s. Both tables are made by
# bench/wide_tables.py from a seed. Prints the wall-clock and CPU seconds of each compare (CPU time
# tells what the run cost when other work shares the machine; the targets are wall-clock on an idle
# machine). Needs GNU time (/usr/bin/time).
#   bench/wide.sh [seed]       (default seed 20261203)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
seed="${1:-20261203}"
python="$(command -v /usr/bin/python3 || command -v python3)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "bench: building (tests skipped)..." >&2
./mvnw -B -q -DskipTests -Dspotless.check.skip=true -pl scenarios/cli -am package 1>&2
gauntlet=(java ${GAUNTLET_JAVA_OPTS:-} -cp "scenarios/cli/target/gauntlet-cli.jar:scenarios/cli/target/lib/*"
  dev.gauntlet.cli.GauntletCli)
"$python" bench/wide_tables.py "$work" "$seed"

seconds() { # prints "WALL CPU" seconds of a command (CPU: user + system), its output to last.txt
  /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >"$work/last.txt" 2>&1 \
    || { cat "$work/last.txt" >&2; exit 1; }
  awk '{printf "%s %.1f\n", $1, $2 + $3}' "$work/time.txt"
}

for table in weather:weather loans:loan_status; do
  name="${table%%:*}"
  label="${table##*:}"
  rows=$(($(wc -l <"$work/$name.csv") - 1))
  "${gauntlet[@]}" generate --fit "$work/$name.csv" --rows "$rows" --seed 1 --out "$work/$name-copy.csv" \
    --quiet >/dev/null
  read -r wall cpu < <(seconds "${gauntlet[@]}" compare "$work/$name.csv" "$work/$name-copy.csv" \
    --label "$label" --quiet)
  grep -E "^id column|trained on (real|synthetic)|detection AUC" "$work/last.txt" | sed 's/^/  /'
  target=$([[ $name == weather ]] && echo 10 || echo 30)
  printf '%s (%d rows): compare --label %s took %.1f s wall, %.1f s CPU (target: under %d s)\n' \
    "$name" "$rows" "$label" "$wall" "$cpu" "$target"
done
