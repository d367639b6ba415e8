package dev.gauntlet.expectations;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The judgement of one expectation: the measured figure at the place that decided it (the worst
 * place where it must hold), its bound, and each covered sweep's breaking point.
 *
 * @param expectation what was judged
 * @param passed whether it holds wherever it must
 * @param measured the figure compared with the bound at the deciding place: the metric's value, or
 *     its drop for a drop expectation
 * @param value the metric's value there, with its bootstrap interval when measured
 * @param reference for a drop, the value it dropped from (the clean rows', or the earlier run's);
 *     NaN otherwise
 * @param variant the variant that decided it, or empty on the clean test rows
 * @param severity that variant's severity, or empty on the clean test rows
 * @param slice the slice that decided a {@code worst_slice} expectation, else empty
 * @param breakingPoints one per variant the expectation covers, in the scenario's variant order
 * @param seed the run's root seed
 */
public record Verdict(
    Expectation expectation,
    boolean passed,
    double measured,
    Measurement value,
    double reference,
    Optional<String> variant,
    OptionalDouble severity,
    Optional<String> slice,
    List<BreakingPoint> breakingPoints,
    long seed) {
  public Verdict {
    Objects.requireNonNull(expectation, "expectation");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(slice, "slice");
    breakingPoints = List.copyOf(breakingPoints);
    if (variant.isPresent() != severity.isPresent()) {
      throw new IllegalArgumentException("a variant needs a severity and a severity a variant");
    }
  }

  /** The expectation's bound. */
  public double bound() {
    return expectation.bound();
  }

  /**
   * One line: what was measured where, against what, and the seed, e.g. {@code accuracy drop 0.12 >
   * 0.05 under covariate-shift at 0.75 (accuracy 0.65 [0.61, 0.69] from 0.77); seed = 42}.
   */
  public String message() {
    Expectation e = expectation;
    StringBuilder b = new StringBuilder();
    if (e.worstSlice()) {
      b.append("worst_slice ");
    }
    b.append(e.metricId());
    if (e.measure() == Measure.DROP) {
      b.append(" drop");
    } else if (e.measure() == Measure.DROP_VS_BASELINE) {
      b.append(" drop vs baseline");
    }
    b.append(' ').append(number(measured)).append(' ');
    b.append(passed ? e.comparison().symbol() : "does not meet " + e.comparison().symbol());
    b.append(' ').append(number(e.bound()));
    b.append(
        variant.isPresent()
            ? " under " + variant.get() + " at " + number(severity.getAsDouble())
            : " on the clean test rows");
    slice.ifPresent(s -> b.append(" in slice ").append(s));
    if (e.measure() != Measure.VALUE || value.hasInterval()) {
      b.append(" (").append(e.metricId()).append(' ').append(number(value.value()));
      if (value.hasInterval()) {
        b.append(" [")
            .append(number(value.lo()))
            .append(", ")
            .append(number(value.hi()))
            .append(']');
      }
      if (e.measure() != Measure.VALUE) {
        b.append(e.measure() == Measure.DROP ? " from " : " from the baseline run's ");
        b.append(number(reference));
      }
      b.append(')');
    }
    return b.append("; seed = ").append(seed).toString();
  }

  /** Four significant digits, without trailing zeros: figures for people, not for machines. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN (undefined)";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
