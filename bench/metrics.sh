#!/usr/bin/env bash
# Times Gauntlet's KS test and Fréchet distance against scipy, and its CSV reader against pandas, in
# one run, on the same seeded data, and prints the ratios, the targets and the agreement; then times
# compare of two million-row files with --label in a 1 GB heap and prints its peak heap. Not part
# of `./mvnw verify`.
#
#   bench/metrics.sh            # from the project root (or anywhere)
#
# Environment: BENCH_DATA (data folder, default target/bench-data), BENCH_SEED (20261126),
# KS_RUNS (7), FRECHET_RUNS (3), COMPARE_RUNS (1: runs of the -Xmx1g compare), BENCH_ONLY (set to
# compare: only the -Xmx1g compare, without the KS, Frechet and CSV tasks). Gauntlet runs KS_WARMUP (3) / FRECHET_WARMUP (1) untimed runs
# first (JIT); both sides report the median of their timed runs. Exit code 0 when every task
# passes, 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
data="${BENCH_DATA:-$root/target/bench-data}"
seed="${BENCH_SEED:-20261126}"
ks_runs="${KS_RUNS:-7}"
ks_warmup="${KS_WARMUP:-3}"
fr_runs="${FRECHET_RUNS:-3}"
fr_warmup="${FRECHET_WARMUP:-1}"
compare_runs="${COMPARE_RUNS:-1}"
only="${BENCH_ONLY:-}"
python=/usr/bin/python3

# scipy and pandas are needed here only, not by the tests: Debian's packages, installed if missing
sudo=""
if [[ $(id -u) -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
if ! $python -c "import scipy, numpy, pandas" 2>/dev/null; then
  echo "bench: installing python3-scipy, python3-numpy and python3-pandas with apt-get..." >&2
  $sudo apt-get install -y -q python3-scipy python3-numpy python3-pandas >&2 \
    || { $sudo apt-get update -q >&2 && $sudo apt-get install -y -q python3-scipy python3-numpy python3-pandas >&2; }
fi
$python -c "import scipy, numpy, pandas" || { echo "bench: scipy or pandas is not importable by $python" >&2; exit 3; }

./gauntlet --version >/dev/null # builds the CLI when the sources changed
mkdir -p "$data"
./gauntlet bench data "$data" --seed "$seed" >&2

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ ! -f "$data/mixed_1m.csv" ]]; then
  ./gauntlet generate --fit examples/data/telco_churn.csv --rows 1000000 --seed "$seed" \
    --out "$data/mixed_1m.csv" --quiet >&2
fi
if [[ "$only" != compare ]]; then
  echo "bench: KS, 1,000,000 vs 1,000,000..." >&2
  ./gauntlet bench ks --data "$data" --warmup "$ks_warmup" --runs "$ks_runs" >"$out/ks_java.json"
  $python bench/metrics_scipy.py ks "$data" "$ks_runs" >"$out/ks_scipy.json"
  echo "bench: Frechet, 2048 features, 10,000 rows each..." >&2
  ./gauntlet bench frechet --data "$data" --warmup "$fr_warmup" --runs "$fr_runs" \
    >"$out/frechet_java.json"
  $python bench/metrics_scipy.py frechet "$data" "$fr_runs" >"$out/frechet_scipy.json"
  echo "bench: CSV read, 1,000,000 rows x 20 mixed columns (telco-like)..." >&2
  ./gauntlet bench csv --data "$data" --warmup 1 --runs 3 >"$out/csv_java.json"
  $python bench/metrics_scipy.py csv "$data" 3 >"$out/csv_pandas.json"
fi
if [[ ! -f "$data/mixed_1m_b.csv" ]]; then
  ./gauntlet generate --fit examples/data/telco_churn.csv --rows 1000000 --seed "$((seed + 1))" \
    --out "$data/mixed_1m_b.csv" --quiet >&2
fi
for run in $(seq 1 "$compare_runs"); do
  echo "bench: compare of two 1,000,000-row files with --label at -Xmx1g (run $run of $compare_runs)..." >&2
  start="$($python -c "import time; print(time.time())")"
  set +e
  GAUNTLET_JAVA_OPTS="-Xmx1g -Xlog:gc:file=$out/gc.$run.log" ./gauntlet compare "$data/mixed_1m.csv" \
    "$data/mixed_1m_b.csv" --label churn --quiet --json >"$out/compare.$run.json" 2>"$out/compare.$run.err"
  compare_exit=$?
  set -e
  end="$($python -c "import time; print(time.time())")"
  $python -c "import json, sys; print(json.dumps({'seconds': float(sys.argv[2]) - float(sys.argv[1]), 'exit': int(sys.argv[3])}))" \
    "$start" "$end" "$compare_exit" >"$out/compare_run.$run.json"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

$python - "$out" "$load_before" "$load_after" "$compare_runs" "$only" <<'PY'
import json, os, sys
out, before, after, compare_runs, only = sys.argv[1:6]
ok = True
print("machine: %d cores; load average %s before, %s after" % (os.cpu_count(), before, after))
if only != "compare":
    r = {n: json.load(open(os.path.join(out, n + ".json")))
         for n in ("ks_java", "ks_scipy", "frechet_java", "frechet_scipy", "csv_java", "csv_pandas")}

    def rel(a, b):
        return abs(a - b) / max(abs(b), 1e-300)

    kj, ks, fj, fs = r["ks_java"], r["ks_scipy"], r["frechet_java"], r["frechet_scipy"]
    tasks = [
        ("KS 1M vs 1M", kj, ks, 0.5,
         max(rel(kj["statistic"], ks["statistic"]), rel(kj["p_value"], ks["p_value"])),
         "ks_2samp; D and p"),
        ("Frechet 2048-d, 10k rows", fj, fs, 0.33, rel(fj["distance"], fs["distance"]),
         "pytorch-fid formula, sqrtm"),
        ("CSV read 1M x 20 (pandas)", r["csv_java"], r["csv_pandas"], 1.5,
         rel(r["csv_java"]["numeric_sum"], r["csv_pandas"]["numeric_sum"])
         if (r["csv_java"]["rows"], r["csv_java"]["columns"])
         == (r["csv_pandas"]["rows"], r["csv_pandas"]["columns"]) else float("inf"),
         "read_csv; rows, columns, numeric sum"),
    ]
    print("Gauntlet: median of %d (KS) / %d (Frechet) runs after %d / %d warm-up runs; "
          "scipy %s, numpy %s: median of %d / %d runs"
          % (kj["runs"], fj["runs"], kj["warmup"], fj["warmup"], ks["scipy"], ks["numpy"],
             ks["runs"], fs["runs"]))
    print("Frechet engine: %s%s" % (fj["engine"],
          " (native unavailable: %s)" % fj["native_unavailable"] if "native_unavailable" in fj else ""))
    print()
    fmt = "%-26s %10s %10s %7s %7s %6s  %-12s %s"
    print(fmt % ("task", "gauntlet", "scipy", "ratio", "target", "time", "agreement", "result"))
    for name, j, s, target, agreement, what in tasks:
        ratio = j["median_seconds"] / s["median_seconds"]
        time_ok = target is None or ratio <= target
        agree_ok = agreement <= 1e-6
        ok = ok and time_ok and agree_ok
        print(fmt % (name, "%.3f s" % j["median_seconds"], "%.3f s" % s["median_seconds"],
                     "%.3f" % ratio, "-" if target is None else "<= %.2f" % target,
                     "info" if target is None else "PASS" if time_ok else "FAIL",
                     "%.1e rel" % agreement, "PASS" if time_ok and agree_ok else "FAIL"))
    print()
    print("KS: D %.17g (Gauntlet) vs %.17g (scipy); p %.17g (Gauntlet, %s) vs %.17g (scipy)"
          % (kj["statistic"], ks["statistic"], kj["p_value"], kj["method"], ks["p_value"]))
    print("Frechet: %.17g (Gauntlet) vs %.17g (scipy)" % (fj["distance"], fs["distance"]))
    print("times (s): KS Gauntlet %s; scipy %s"
          % (" ".join("%.3f" % t for t in kj["seconds"]), " ".join("%.3f" % t for t in ks["seconds"])))
    print("           Frechet Gauntlet %s; scipy %s"
          % (" ".join("%.2f" % t for t in fj["seconds"]), " ".join("%.2f" % t for t in fs["seconds"])))
    print("           CSV Gauntlet %s; pandas %s %s"
          % (" ".join("%.2f" % t for t in r["csv_java"]["seconds"]),
             r["csv_pandas"]["pandas"], " ".join("%.2f" % t for t in r["csv_pandas"]["seconds"])))
    print("agreement bound: 1e-6 relative")

    # compare of two million-row files with --label in a 1 GB heap: time, and the peak heap in use as
    # the GC log shows it (the heap before each collection)
import re
print()
for run in range(1, int(compare_runs) + 1):
    result = json.load(open(os.path.join(out, "compare_run.%d.json" % run)))
    peak = live = 0
    for line in open(os.path.join(out, "gc.%d.log" % run)):
        m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
        if m:
            peak = max(peak, int(m.group(1)), int(m.group(2)))
            live = max(live, int(m.group(2)))
    compare_ok = result["exit"] == 0
    ok = ok and compare_ok
    print("compare 1M vs 1M rows, --label churn, -Xmx1g, run %d: %.1f s, peak heap %d MB in use"
          " (%d MB live after a collection at most), exit %d  %s"
          % (run, result["seconds"], peak, live, result["exit"], "PASS" if compare_ok else "FAIL"))
    if not compare_ok:
        print(open(os.path.join(out, "compare.%d.err" % run)).read().strip())
sys.exit(0 if ok else 1)
PY
