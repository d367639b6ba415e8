#!/usr/bin/env bash
# Mutation testing with PIT (the Maven profile `mutation`, not part of `./mvnw verify`): how many
# of the small faults PIT plants in a package's classes the package's tests catch.
#
#   bench/mutation.sh                              # the default set, one package after the other
#   bench/mutation.sh dev.gauntlet.evaluation      # one package (or several, space-separated)
#
# Prints per package `mutation score N %` (killed over covered mutants: KILLED, TIMED_OUT,
# MEMORY_ERROR and RUN_ERROR count as killed; SURVIVED as not; NO_COVERAGE mutants, which no test
# runs, are counted apart) and each surviving mutant as file:line, mutator, method. Reports stay in
# target/mutation/PACKAGE/ (mutations.csv and PIT's HTML).
#
# The default set is the library's figures and worlds: dev.gauntlet.metrics,
# dev.gauntlet.evaluation, dev.gauntlet.generators.perturb and dev.gauntlet.generators.stat. The
# deep generators (VAE, GAN) are left out: each test trains networks, and PIT reruns the covering
# tests for every mutant, so they would take hours. Tests tagged `slow` are left out too. Each
# package is mutated against the tests of its own package (PIT_TESTS overrides, a glob of classes).
#
# Environment: PIT_THREADS (2), PIT_TESTS (PACKAGE.*), PIT_CLASSES (PACKAGE.*: a glob of the
# classes to mutate, to look at a few classes' survivors quickly, e.g.
# PIT_CLASSES='dev.gauntlet.generators.perturb.*Attack*' PIT_TESTS='dev.gauntlet.generators.perturb.*Attack*'
# bench/mutation.sh dev.gauntlet.generators.perturb). Exit code 0 when every run worked (whatever
# the scores), 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
threads="${PIT_THREADS:-2}"
if [[ $# -gt 0 ]]; then
  packages=("$@")
else
  packages=(dev.gauntlet.metrics dev.gauntlet.evaluation dev.gauntlet.generators.perturb
    dev.gauntlet.generators.stat)
fi

# the module whose main sources hold a package
module_of() {
  local dir="src/main/java/${1//.//}"
  for pom in $(git ls-files '*pom.xml' 2>/dev/null || find . -name pom.xml -not -path '*/target/*'); do
    local m
    m=$(dirname "$pom")
    if [[ -d "$m/$dir" ]]; then
      echo "${m#./}"
      return
    fi
  done
}

status=0
for pkg in "${packages[@]}"; do
  module=$(module_of "$pkg")
  if [[ -z "$module" ]]; then
    echo "$pkg: no module has this package (src/main/java/${pkg//.//})" >&2
    status=1
    continue
  fi
  echo "$pkg: mutating in module $module ($threads threads)..." >&2
  started=$(date +%s)
  # -am builds the modules it depends on from this checkout (nothing is installed); PIT runs in
  # them too but finds none of the target classes there
  if ! ./mvnw -B -q -P mutation -pl "$module" -am test-compile \
    org.pitest:pitest-maven:mutationCoverage \
    -Dpit.targetClasses="${PIT_CLASSES:-$pkg.*}" -Dpit.targetTests="${PIT_TESTS:-$pkg.*}" \
    -Dpit.threads="$threads" >&2; then
    echo "$pkg: the PIT run failed (see above)" >&2
    status=1
    continue
  fi
  seconds=$(($(date +%s) - started))
  out="target/mutation/$pkg"
  rm -rf "$out"
  mkdir -p "$out"
  cp -r "$module/target/pit-reports/." "$out/"
  # mutations.csv: file, class, mutator, method, line, status, killing test (only the first six
  # are read; they hold no commas)
  awk -F, -v pkg="$pkg" -v secs="$seconds" -v src="$module/src/main/java" '
    { total++ }
    $6 == "KILLED" || $6 == "TIMED_OUT" || $6 == "MEMORY_ERROR" || $6 == "RUN_ERROR" { killed++ }
    $6 == "SURVIVED" {
      survived++
      n = split($3, m, ".")
      dir = $2
      sub(/\.[^.]*$/, "", dir)  # the package of the class: subpackages are mutated too
      gsub(/\./, "/", dir)
      lines[survived] = sprintf("  survived: %s/%s/%s:%s %s in %s()", src, dir, $1, $5, m[n], $4)
    }
    $6 == "NO_COVERAGE" { uncovered++ }
    END {
      covered = killed + survived
      score = covered == 0 ? "n/a" : sprintf("%d", 100 * killed / covered)
      printf "%s: mutation score %s %% (%d killed of %d covered mutants; %d not covered; %d s)\n",
        pkg, score, killed, covered, uncovered, secs
      for (i = 1; i <= survived; i++) print lines[i]
    }' "$out/mutations.csv"
done
exit $status
