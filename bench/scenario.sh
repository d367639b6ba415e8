#!/usr/bin/env bash
# Benchmark of the scenario engine (not a test): runs bench/scenario.yaml (7,043 telco customers,
# 8 variants x 9 severities: drift, missing values, noise, outliers, prior shift, label flips with
# refits, FGSM, PGD; grown from 5 x 5 so that reading the file, the first fit and JIT warm-up are a
# smaller share) with --threads 1 and --threads 2, alternating, and prints
#  - the machine: processors and the load average before and after (on a shared machine the wall
#    times below are those of a loaded run, and say little about an idle one);
#  - the machine's own ceiling for two threads, measured before each pair of runs: a loop that only
#    computes, on one thread alone and then on two at once (2 = two free, independent processors;
#    other processes' load, or virtual processors sharing a core, give less); the best of the
#    measurements is the ceiling each speed-up is set against;
#  - the speed-up of 2 threads over 1: the ratio of the engine's wall times (the best of each, as
#    the runner measures its own wall time: JVM start and writing the reports excluded), both
#    measured in this run, and its share of the ceiling; the same ratio for the whole process is
#    printed beside it;
#  - the same cold speed-up with the C2 compiler off (-XX:TieredStopAtLevel=1: C1 only), from one
#    more pair of runs per round: on this scenario C2's work is about 1.5 times the engine's own
#    CPU time and its code arrives too late to pay off (the engine's CPU time at 1 thread is the
#    same with C1 alone), so this shows what the JIT costs the cold figure;
#  - the same speed-up once the code is compiled: the scenario run in one JVM (bench/
#    ScenarioThreadsBench.java) at 1 and 2 threads in turn after WARMUP pairs of rounds (default 3),
#    with the ceiling measured between its rounds. In a fresh process the JIT compiler's work (about
#    as much CPU time as the engine's own on this scenario, or more) runs at 1 thread on the
#    otherwise idle second processor and at 2 threads competes with the engine's threads: the cold
#    figure pays for that, the warm one does not;
#  - what the engine's tasks allow, from the warm rounds, unlike wall times not changed by a load:
#    the share of the 2-thread pool's lives its threads spent waiting (for a task, or a task's
#    result; a flight recording of their parks), and the share of the 1-thread wall spent reading
#    the data before any task starts; with two free processors the speed-up can be at most
#    1 / (serial + (1 - serial) / (2 (1 - waiting))); and the engine's threads' CPU time at 2
#    threads over that at 1 (above 1: the threads slow each other down, e.g. contending for
#    memory or a lock);
#  - the engine's own overhead at 1 thread: wall time minus the time spent inside the library
#    (reading data, perturbations, model fits and calls, attacks, metrics, bootstrap), as a share
#    of the wall time, from report.json's timings; and, from one more run at 1 thread with
#    -Dgauntlet.timings.cpu=true, the same in CPU time (the engine's threads' CPU time minus the
#    library's), which a loaded machine does not inflate: a thread waiting for a processor is
#    charged wall time but no CPU time. (That run is kept out of the wall figures: on a loaded
#    machine reading CPU times adds wall time of its own.) That run also gives the process's CPU
#    time beside the engine's threads': the rest is the JVM's own work (start, JIT, GC).
# Targets (issue 12, an idle 2-core machine): speed-up >= 1.7, overhead <= 5 %.
# Usage: bench/scenario.sh [rounds]   (default 3; WARMUP=n sets the warm-up pairs, SCENARIO=FILE
# times another scenario)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rounds="${1:-3}"
warmup="${WARMUP:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
scenario="${SCENARIO:-bench/scenario.yaml}"

./gauntlet run --list >/dev/null 2>&1 || ./gauntlet run --list >/dev/null  # builds the CLI if need be
cp="scenarios/cli/target/gauntlet-cli.jar:scenarios/cli/target/lib/*"
javac -nowarn -cp "$cp" -d "$out/classes" bench/ScenarioThreadsBench.java
bench() { java -cp "$out/classes:$cp" ScenarioThreadsBench "$@" 2> >(grep -v '^SLF4J' >&2); }
TIMEFORMAT='%3R %3U %3S' # wall, user and system seconds of a process, from bash's time

cut -d' ' -f1-3 /proc/loadavg >"$out/load-before"
for i in $(seq 1 "$rounds"); do
  bench ceiling "$out/ceiling-$i"
  for t in 1 2; do
    { time ./gauntlet run "$scenario" --threads "$t" --quiet --out "$out/t$t-$i" 2>/dev/null; } \
      2>"$out/t$t-$i.time"
  done
  for t in 1 2; do
    { time GAUNTLET_JAVA_OPTS="-XX:TieredStopAtLevel=1" \
      ./gauntlet run "$scenario" --threads "$t" --quiet --out "$out/c1-t$t-$i" 2>/dev/null; } \
      2>"$out/c1-t$t-$i.time"
  done
done
{ time GAUNTLET_JAVA_OPTS="-Dgauntlet.timings.cpu=true" \
  ./gauntlet run "$scenario" --threads 1 --quiet --out "$out/cpu" 2>/dev/null; } 2>"$out/cpu.time"
bench warm "$scenario" "$warmup" "$rounds" "$out/warm"
cut -d' ' -f1-3 /proc/loadavg >"$out/load-after"

/usr/bin/python3 - "$out" "$rounds" "$warmup" "$scenario" <<'PY'
import json, os, sys
out, rounds, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def times(f):  # wall, user, system seconds of a process
    return [float(x) for x in open(f).read().split()]
def run(t, i, prefix=""):
    r = json.load(open(f"{out}/{prefix}t{t}-{i}/report.json"))
    r["process"] = times(f"{out}/{prefix}t{t}-{i}.time")[0]
    return r
def pairs(f):  # "name value" lines
    out = {}
    for line in open(f):
        k, v = line.split()
        out.setdefault(k, []).append(float(v))
    return out
one = [run(1, i) for i in range(1, rounds + 1)]
two = [run(2, i) for i in range(1, rounds + 1)]
wall = lambda r: r["timings"]["wall"]["seconds"]
load = lambda f: open(f"{out}/{f}").read().strip()
print(f"scenario: {sys.argv[4]}; processors: {os.cpu_count()};"
      f" load average (1, 5, 15 min) before: {load('load-before')},"
      f" after: {load('load-after')}; runs per thread count: {rounds}")
for name, runs in (("1 thread ", one), ("2 threads", two)):
    print(f"{name}: engine wall " + ", ".join(f"{wall(r):.2f}" for r in runs)
          + " s; process " + ", ".join(f"{r['process']:.2f}" for r in runs) + " s")
ceilings = [pairs(f"{out}/ceiling-{i}")["ceiling"][0] for i in range(1, rounds + 1)]
ceiling = max(ceilings)
print("machine's ceiling for 2 threads (a compute-only loop, 2 threads at once vs 1 alone), before"
      " each pair of runs: " + ", ".join(f"{c:.2f}x" for c in ceilings) + f"; best {ceiling:.2f}x")
best1, best2 = min(one, key=wall), min(two, key=wall)
cold = wall(best1) / wall(best2)
print(f"speed-up of --threads 2 over --threads 1 (best of each): {cold:.2f}x,"
      f" {100 * cold / ceiling:.0f} % of the ceiling"
      f" (whole process: {min(r['process'] for r in one) / min(r['process'] for r in two):.2f}x)")
c1 = {t: [run(t, i, "c1-") for i in range(1, rounds + 1)] for t in (1, 2)}
print("C2 compiler off: 1 thread " + ", ".join(f"{wall(r):.2f}" for r in c1[1]) + " s; 2 threads "
      + ", ".join(f"{wall(r):.2f}" for r in c1[2]) + " s (engine wall)")
cold_c1 = min(map(wall, c1[1])) / min(map(wall, c1[2]))
print(f"speed-up with the C2 compiler off (best of each): {cold_c1:.2f}x,"
      f" {100 * cold_c1 / ceiling:.0f} % of the ceiling")
w = pairs(f"{out}/warm")
warm = min(w["wall1"]) / min(w["wall2"])
warm_ceiling = max(w["ceiling"])
print(f"warm, in one JVM after {warmup} pairs of warm-up rounds: 1 thread "
      + ", ".join(f"{x:.2f}" for x in w["wall1"]) + " s; 2 threads "
      + ", ".join(f"{x:.2f}" for x in w["wall2"]) + " s; ceiling between rounds "
      + ", ".join(f"{x:.2f}x" for x in w["ceiling"]))
print(f"warm speed-up (best of each): {warm:.2f}x, {100 * warm / warm_ceiling:.0f} % of that run's"
      f" ceiling ({warm_ceiling:.2f}x)")
median = lambda xs: sorted(xs)[len(xs) // 2]
waiting, serial = median(w["waiting"]), median(w["serial"])
cpu_ratio = median(w["engine_cpu2"]) / median(w["engine_cpu1"])
bound = 1 / (serial + (1 - serial) / (2 * (1 - waiting)))
print(f"what the tasks allow (warm, medians; a load changes neither share): the pool's 2 threads"
      f" waited {100 * waiting:.1f} % of their lives for a task or a result, reading the data"
      f" (before any task) took {100 * serial:.1f} % of the 1-thread wall, so two free processors"
      f" give at most {bound:.2f}x; the engine's threads' CPU time at 2 threads / at 1:"
      f" {cpu_ratio:.2f} (" + ", ".join(f"{x:.2f}" for x in w["engine_cpu2"]) + " s / "
      + ", ".join(f"{x:.2f}" for x in w["engine_cpu1"]) + " s)")
t = best1["timings"]
work, inside = t["work"], sum(t["work"].values())
print("time inside the library at 1 thread: " + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(work.items())))
print(f"engine overhead at 1 thread, wall: {wall(best1) - inside:.2f} s of {wall(best1):.2f} s"
      f" = {100 * (wall(best1) - inside) / wall(best1):.1f} %")
timed = json.load(open(f"{out}/cpu/report.json"))
t = timed["timings"]
cpu, inside_cpu = t["cpu"]["seconds"], sum(t["work_cpu"].values())
print("CPU time inside the library at 1 thread: "
      + ", ".join(f"{k} {v:.2f} s" for k, v in sorted(t["work_cpu"].items())))
print(f"engine overhead at 1 thread, CPU: {cpu - inside_cpu:.2f} s of {cpu:.2f} s"
      f" = {100 * (cpu - inside_cpu) / cpu:.1f} % (that run's wall: {wall(timed):.2f} s)")
process_cpu = sum(times(f"{out}/cpu.time")[1:])
print(f"that run's process: {process_cpu:.2f} s of CPU, of which the engine's thread {cpu:.2f} s;"
      f" the rest, {process_cpu - cpu:.2f} s, is JVM start, class loading, JIT compilation, GC and"
      f" writing the reports")
strip = lambda r: {k: v for k, v in r.items() if k not in ("timings", "process")}
print("reports identical apart from timings across all runs:",
      all(strip(r) == strip(one[0]) for r in one + two + c1[1] + c1[2] + [timed]))
PY
