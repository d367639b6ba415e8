package dev.gauntlet.expectations;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run measured, as {@link Expectations#evaluate} reads it. The scenario runner implements
 * it; {@link MeasurementTable} is a ready implementation (tests, Java callers, an earlier run read
 * back from its report).
 *
 * <p>Metrics are catalogue ids. A metric that was not measured at a place is {@link
 * Optional#empty()} (an expectation that needs it is an error, never a silent pass); a metric that
 * was measured but is undefined there is a {@link Measurement} with a NaN value (it fails any
 * bound).
 */
public interface Measurements {
  /** The run's root seed, printed with every failure. */
  long seed();

  /** The variants' names, in the scenario's order. */
  List<String> variants();

  /** A variant's severities, increasing; empty for a name that is not a variant. */
  List<Double> severities(String variant);

  /** The metric on the clean test rows (the model trained on the clean training rows). */
  Optional<Measurement> clean(String metric);

  /** The metric under a variant at one of its severities. */
  Optional<Measurement> measured(String metric, String variant, double severity);

  /** The metric on each slice of the clean test rows, by slice name; empty when not sliced. */
  Map<String, Measurement> cleanBySlice(String metric);

  /** The metric on each slice under a variant at a severity; empty when not sliced. */
  Map<String, Measurement> measuredBySlice(String metric, String variant, double severity);
}
