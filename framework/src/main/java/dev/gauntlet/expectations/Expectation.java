package dev.gauntlet.expectations;

import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import java.util.Objects;

/**
 * A parsed expectation: {@code [worst_slice] METRIC [drop [vs baseline]] OP NUMBER [under (VARIANT
 * | every variant) [at SEVERITY]]}. Made by {@link ExpectationParser}; see {@link
 * Expectations#evaluate} for how it is judged.
 *
 * @param text the expectation as written, trimmed (reports and messages show it)
 * @param worstSlice whether it bounds the worst slice's value rather than all rows'
 * @param metric the catalogue's metric
 * @param measure the value, its drop from the clean rows, or its drop from an earlier run
 * @param comparison the operator
 * @param bound the number it is compared with
 * @param target the clean rows, a variant, or every variant
 */
public record Expectation(
    String text,
    boolean worstSlice,
    MetricDefinition metric,
    Measure measure,
    Comparison comparison,
    double bound,
    Target target) {
  public Expectation {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(target, "target");
    if (!Double.isFinite(bound)) {
      throw new IllegalArgumentException("bound is not a finite number: " + bound);
    }
    if (measure == Measure.DROP && target instanceof Target.Clean) {
      throw new IllegalArgumentException(
          "a drop from the clean rows needs a variant (under ...): " + text);
    }
  }

  /**
   * Parses {@code text} without knowing the scenario's variants: any variant name and severity in
   * [0, 1] is accepted here and checked when the expectation is evaluated. The scenario loader uses
   * {@link ExpectationParser#forVariants} instead, which checks them while parsing.
   *
   * @throws ExpectationSyntaxException with the column and a fix when the text is malformed
   */
  public static Expectation parse(String text) {
    return ExpectationParser.withoutVariants().parse(text);
  }

  /** The metric's id, e.g. {@code accuracy}. */
  public String metricId() {
    return metric.id();
  }

  /** Whether a measured value (or drop, for a drop expectation) meets the bound; NaN never does. */
  public boolean holds(double measured) {
    return comparison.holds(measured, bound);
  }

  /** The catalogue entry of {@code id}; for building expectations in Java. */
  static MetricDefinition metricOf(String id) {
    return MetricCatalog.find(id)
        .orElseThrow(() -> new IllegalArgumentException("unknown metric: " + id));
  }

  @Override
  public String toString() {
    return text;
  }
}
