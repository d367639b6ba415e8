package dev.gauntlet.scenario;

import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.metrics.Calibration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was measured at one place: the clean test rows, or a variant at one severity.
 *
 * @param severity the severity (0 for the clean rows)
 * @param rows the rows measured
 * @param paired whether the rows are the clean test rows one for one (same rows, maybe changed), so
 *     that drops are bootstrapped in pairs; false when a variant added, dropped or resampled rows
 * @param metrics each metric with its bootstrap interval (outcome metrics) or without (attack,
 *     backdoor and synthetic-data figures), by catalogue id
 * @param drops each outcome metric's drop from the clean rows (worse in the catalogue's direction
 *     is positive) with its interval (paired, or from independent resamples); empty for the clean
 *     rows
 * @param slices each outcome metric's value on each slice of the rows, by metric then slice
 * @param details figures that are not catalogue metrics (attacked rows, mean queries), by name
 * @param reliability the reliability diagram of the model's top-class probabilities: {@link
 *     Calibration#BINS} equal-width bins (lo, hi], empty ones included
 */
public record PlaceResult(
    double severity,
    int rows,
    boolean paired,
    Map<String, Measurement> metrics,
    Map<String, Measurement> drops,
    Map<String, Map<String, Measurement>> slices,
    Map<String, Double> details,
    List<Calibration.Bin> reliability) {
  public PlaceResult {
    metrics = copy(metrics);
    drops = copy(drops);
    Map<String, Map<String, Measurement>> s = new LinkedHashMap<>();
    slices.forEach((k, v) -> s.put(k, copy(v)));
    slices = Collections.unmodifiableMap(s);
    details = copy(details);
    reliability = List.copyOf(reliability);
  }

  /** A place without a reliability diagram. */
  public PlaceResult(
      double severity,
      int rows,
      boolean paired,
      Map<String, Measurement> metrics,
      Map<String, Measurement> drops,
      Map<String, Map<String, Measurement>> slices,
      Map<String, Double> details) {
    this(severity, rows, paired, metrics, drops, slices, details, List.of());
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
