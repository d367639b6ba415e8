#!/usr/bin/env bash
# Benchmark of the HTML report (not a test): runs bench/html-report.yaml (10 variants x 5
# severities on German credit, one of them synthetic data) once, then writes its report.html
# [rounds] times in the same JVM and prints the first (cold) and the best later write, the ratio to
# writing report.json of the same result, and the page's size.
# Targets (issue 14): writing under 2 s, the file under 2 MB.
# Usage: bench/html-report.sh [rounds]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-5}"
./gauntlet run --list >/dev/null  # builds the CLI if need be
cp="scenarios/cli/target/gauntlet-cli.jar:scenarios/cli/target/lib/*"
java -Djava.awt.headless=true -cp "$cp" bench/HtmlReportBench.java bench/html-report.yaml "$rounds" \
  2> >(grep -v '^SLF4J' >&2)
