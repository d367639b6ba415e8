package dev.gauntlet.scenario;

import dev.gauntlet.expectations.Expectations;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.expectations.Measurements;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.spi.ModelTask;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a scenario run measured and how its expectations fared: immutable. As {@link Measurements}
 * it is what expectations are judged against (and, read back from a report, an earlier run to
 * compare with).
 *
 * @param name the scenario's name
 * @param seed the root seed
 * @param label the label column
 * @param task what the model predicts: classes (a classifier) or numbers (a regressor)
 * @param classes the model's classes; none for a regressor
 * @param model the model's kind, or its class name
 * @param trainRows training rows
 * @param testRows test rows
 * @param metrics the outcome metrics measured at every place, by catalogue id
 * @param clean the clean test rows under the model trained on the clean training rows
 * @param sweeps each variant's sweep, in the scenario's order
 * @param verdicts each expectation's verdict, in the scenario's order
 * @param inputs the SHA-256 of each input file, by its path relative to the scenario's folder
 * @param timings seconds: {@code wall} (the whole run), {@code stages} (checks, data, models: the
 *     fit, the clean rows and the variants, run as tasks; merge; expectations), {@code work}
 *     (summed over threads by kind: data, perturbations, fits, model calls, attacks, generators,
 *     metrics, bootstrap), and with {@code -Dgauntlet.timings.cpu=true} {@code cpu} and {@code
 *     work_cpu} (the same in CPU seconds)
 * @param datasets the datasets the run made, when the scenario asked for them ({@code
 *     output.datasets}); else none. Not part of report.json: {@link
 *     dev.gauntlet.scenario.report.ReportFiles#write} writes them as CSV files
 */
public record ScenarioResult(
    String name,
    long seed,
    String label,
    ModelTask task,
    List<String> classes,
    String model,
    int trainRows,
    int testRows,
    List<String> metrics,
    PlaceResult clean,
    List<VariantResult> sweeps,
    List<Verdict> verdicts,
    Map<String, String> inputs,
    Map<String, Map<String, Double>> timings,
    GeneratedDatasets datasets)
    implements Measurements {
  /** Two severities closer than this are the same (k/n written as a decimal). */
  private static final double SEVERITY_TOLERANCE = 1e-9;

  public ScenarioResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    classes = List.copyOf(classes);
    metrics = List.copyOf(metrics);
    Objects.requireNonNull(clean, "clean");
    sweeps = List.copyOf(sweeps);
    verdicts = List.copyOf(verdicts);
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    Map<String, Map<String, Double>> t = new LinkedHashMap<>();
    timings.forEach((k, v) -> t.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    timings = Collections.unmodifiableMap(t);
    Objects.requireNonNull(datasets, "datasets");
  }

  /** Whether every expectation holds. */
  public boolean passed() {
    return Expectations.allPassed(verdicts);
  }

  /** The failed verdicts, in the scenario's order. */
  public List<Verdict> failures() {
    return verdicts.stream().filter(v -> !v.passed()).toList();
  }

  /** The same result with these verdicts. */
  public ScenarioResult withVerdicts(List<Verdict> newVerdicts) {
    return new ScenarioResult(
        name,
        seed,
        label,
        task,
        classes,
        model,
        trainRows,
        testRows,
        metrics,
        clean,
        sweeps,
        newVerdicts,
        inputs,
        timings,
        datasets);
  }

  /** The same result with these timings. */
  public ScenarioResult withTimings(Map<String, Map<String, Double>> newTimings) {
    return new ScenarioResult(
        name,
        seed,
        label,
        task,
        classes,
        model,
        trainRows,
        testRows,
        metrics,
        clean,
        sweeps,
        verdicts,
        inputs,
        newTimings,
        datasets);
  }

  /** A variant's sweep by name. */
  public Optional<VariantResult> variant(String variantName) {
    return sweeps.stream().filter(v -> v.name().equals(variantName)).findFirst();
  }

  /** A variant's place at a severity. */
  public Optional<PlaceResult> place(String variantName, double severity) {
    return variant(variantName)
        .flatMap(
            v ->
                v.places().stream()
                    .filter(p -> Math.abs(p.severity() - severity) <= SEVERITY_TOLERANCE)
                    .findFirst());
  }

  @Override
  public List<String> variants() {
    return sweeps.stream().map(VariantResult::name).toList();
  }

  @Override
  public List<Double> severities(String variant) {
    return variant(variant).map(VariantResult::severities).orElse(List.of());
  }

  @Override
  public Optional<Measurement> clean(String metric) {
    return Optional.ofNullable(clean.metrics().get(metric));
  }

  @Override
  public Optional<Measurement> measured(String metric, String variant, double severity) {
    return place(variant, severity).map(p -> p.metrics().get(metric));
  }

  @Override
  public Map<String, Measurement> cleanBySlice(String metric) {
    return clean.slices().getOrDefault(metric, Map.of());
  }

  @Override
  public Map<String, Measurement> measuredBySlice(String metric, String variant, double severity) {
    return place(variant, severity)
        .map(p -> p.slices().getOrDefault(metric, Map.of()))
        .orElse(Map.of());
  }
}
