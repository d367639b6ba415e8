package dev.gauntlet.expectations;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.metrics.Direction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Judges parsed expectations against what a run measured.
 *
 * <p>Each expectation must hold at every place its target names: the clean test rows; each severity
 * of a variant (or only {@code at} one); each severity of each variant. The verdict reports the
 * worst place (the one furthest from the bound, the lowest severity on ties). A {@code drop} is
 * measured in the catalogue's direction of worse (a rise of log loss is a drop) from the clean test
 * rows' value; when the clean rows lack the metric (an attack's success rate), from the variant's
 * own severity 0. {@code drop vs baseline} compares each place with the same place of an earlier
 * run. For {@code worst_slice}, the figure at a place is the worst slice's: the lowest value (in
 * the catalogue's direction) or the largest drop, each slice against itself.
 *
 * <p>Every sweep an expectation covers also gets its breaking point: the lowest severity at which
 * the figure fails the bound, over all the variant's severities even when {@code at} names one.
 *
 * <p>A measurement an expectation needs and the run lacks is a {@link UserInputException} naming
 * the expectation and the place, never a pass.
 */
public final class Expectations {
  /** How close a severity must come to one of a variant's to be that one (k/n severities). */
  static final double SEVERITY_TOLERANCE = 1e-9;

  private Expectations() {}

  /** Judges each expectation against one run; {@code drop vs baseline} is an error here. */
  public static List<Verdict> evaluate(List<Expectation> expectations, Measurements run) {
    return evaluate(expectations, run, Optional.empty());
  }

  /** Judges each expectation against a run and, for {@code drop vs baseline}, an earlier run. */
  public static List<Verdict> evaluate(
      List<Expectation> expectations, Measurements run, Measurements earlierRun) {
    return evaluate(expectations, run, Optional.of(earlierRun));
  }

  private static List<Verdict> evaluate(
      List<Expectation> expectations, Measurements run, Optional<Measurements> earlierRun) {
    Objects.requireNonNull(run, "run");
    List<Verdict> out = new ArrayList<>();
    for (Expectation e : expectations) {
      out.add(new Judgement(e, run, earlierRun.orElse(null)).verdict());
    }
    return List.copyOf(out);
  }

  /** Whether the overall outcome is a pass: every verdict passed. */
  public static boolean allPassed(List<Verdict> verdicts) {
    return verdicts.stream().allMatch(Verdict::passed);
  }

  /**
   * The severity of {@code severities} that {@code s} names: one equal within {@link
   * #SEVERITY_TOLERANCE}, else the only one that rounds to {@code s} at the decimals {@code s} has
   * (at least two): {@code 0.33} names the 1/3 of {@code sweep: 3}.
   */
  static OptionalDouble matchSeverity(List<Double> severities, double s) {
    for (double known : severities) {
      if (Math.abs(known - s) <= SEVERITY_TOLERANCE) {
        return OptionalDouble.of(known);
      }
    }
    int decimals = BigDecimal.valueOf(s).scale();
    if (decimals < 2) {
      return OptionalDouble.empty();
    }
    OptionalDouble found = OptionalDouble.empty();
    for (double known : severities) {
      if (new BigDecimal(known).setScale(decimals, RoundingMode.HALF_UP).doubleValue() == s) {
        if (found.isPresent()) {
          return OptionalDouble.empty();
        }
        found = OptionalDouble.of(known);
      }
    }
    return found;
  }

  /** The figure compared with the bound at one place. */
  private record Figure(double measured, Measurement value, double reference, String slice) {}

  /** One expectation against one run (and maybe an earlier one). */
  private static final class Judgement {
    private final Expectation e;
    private final Measurements run;
    private final Measurements earlier;
    private final String metric;
    private final Direction direction;

    Judgement(Expectation e, Measurements run, Measurements earlier) {
      this.e = e;
      this.run = run;
      this.earlier = earlier;
      this.metric = e.metricId();
      this.direction = e.metric().direction();
      if (e.measure() == Measure.DROP_VS_BASELINE && earlier == null) {
        throw error(
            "no earlier run to compare with",
            "an earlier run's report for `drop vs baseline`",
            "pass the earlier run's report (--baseline OLD/report.json), or remove the expectation");
      }
    }

    Verdict verdict() {
      if (e.target() instanceof Target.Clean) {
        Figure f = figure(null, 0);
        return new Verdict(
            e,
            e.holds(f.measured()),
            f.measured(),
            f.value(),
            f.reference(),
            Optional.empty(),
            OptionalDouble.empty(),
            Optional.ofNullable(f.slice()),
            List.of(),
            run.seed());
      }
      List<String> variants;
      OptionalDouble at;
      if (e.target() instanceof Target.Variant v) {
        variants = List.of(checkVariant(v.name()));
        at = v.at();
      } else {
        variants = run.variants();
        if (variants.isEmpty()) {
          throw error(
              "a run without variants",
              "at least one variant for `under every variant`",
              "add variants to the scenario, or remove `under every variant`");
        }
        at = ((Target.EveryVariant) e.target()).at();
      }
      Figure worst = null;
      String worstVariant = null;
      double worstSeverity = Double.NaN;
      List<BreakingPoint> breakingPoints = new ArrayList<>();
      for (String variant : variants) {
        List<Double> severities = run.severities(variant);
        OptionalDouble only = OptionalDouble.empty();
        if (at.isPresent()) {
          only = matchSeverity(severities, at.getAsDouble());
          if (only.isEmpty()) {
            throw error(
                "no severity " + Verdict.number(at.getAsDouble()) + " in variant " + quote(variant),
                "one of its severities " + severities,
                "use one of the variant's severities after `at`");
          }
        }
        BreakingPoint breakingPoint = new BreakingPoint(variant, OptionalDouble.empty(), false);
        for (double severity : severities) {
          Figure f = figure(variant, severity);
          boolean mustHold = only.isEmpty() || only.getAsDouble() == severity;
          boolean holds = e.holds(f.measured());
          if (!holds && !breakingPoint.breaks()) {
            breakingPoint = new BreakingPoint(variant, OptionalDouble.of(severity), mustHold);
          }
          if (mustHold
              && (worst == null || e.comparison().isWorse(f.measured(), worst.measured()))) {
            worst = f;
            worstVariant = variant;
            worstSeverity = severity;
          }
        }
        breakingPoints.add(breakingPoint);
      }
      if (worst == null) {
        throw error(
            "variant " + quote(variants.get(0)) + " without severities",
            "each variant to be measured at one severity at least",
            "check the scenario's severities");
      }
      return new Verdict(
          e,
          e.holds(worst.measured()),
          worst.measured(),
          worst.value(),
          worst.reference(),
          Optional.of(worstVariant),
          OptionalDouble.of(worstSeverity),
          Optional.ofNullable(worst.slice()),
          breakingPoints,
          run.seed());
    }

    private String checkVariant(String name) {
      if (!run.variants().contains(name)) {
        throw error(
            "variant " + quote(name) + ", which this run does not have",
            "one of " + run.variants(),
            "name one of the scenario's variants after `under`");
      }
      return name;
    }

    /** The figure at a place: {@code variant} null means the clean test rows. */
    private Figure figure(String variant, double severity) {
      if (!e.worstSlice()) {
        Measurement value = need(at(run, variant, severity), variant, severity, "");
        double reference = reference(variant, severity, null);
        return new Figure(measure(value.value(), reference), value, reference, null);
      }
      Map<String, Measurement> bySlice = slices(run, variant, severity);
      if (bySlice.isEmpty()) {
        throw missing("per-slice values of " + metric + place(variant, severity), "");
      }
      Figure worst = null;
      for (Map.Entry<String, Measurement> s : new TreeMap<>(bySlice).entrySet()) {
        double reference = reference(variant, severity, s.getKey());
        Figure f =
            new Figure(
                measure(s.getValue().value(), reference), s.getValue(), reference, s.getKey());
        if (worst == null || worseSlice(f, worst)) {
          worst = f;
        }
      }
      return worst;
    }

    private boolean worseSlice(Figure a, Figure b) {
      if (e.measure() == Measure.VALUE) {
        return direction.isWorse(a.measured(), b.measured());
      }
      // a larger drop is worse; NaN is the worst
      return Double.isNaN(b.measured())
          ? false
          : Double.isNaN(a.measured()) || a.measured() > b.measured();
    }

    private double measure(double value, double reference) {
      return e.measure() == Measure.VALUE ? value : direction.worsening(reference, value);
    }

    /** What a drop is measured from at a place (NaN for a plain value). */
    private double reference(String variant, double severity, String slice) {
      switch (e.measure()) {
        case VALUE:
          return Double.NaN;
        case DROP:
          {
            Optional<Measurement> clean =
                slice == null
                    ? run.clean(metric)
                    : Optional.ofNullable(run.cleanBySlice(metric).get(slice));
            if (clean.isPresent()) {
              return clean.get().value();
            }
            OptionalDouble zero = matchSeverity(run.severities(variant), 0);
            if (zero.isPresent()) {
              Optional<Measurement> atZero =
                  slice == null
                      ? run.measured(metric, variant, zero.getAsDouble())
                      : Optional.ofNullable(
                          run.measuredBySlice(metric, variant, zero.getAsDouble()).get(slice));
              if (atZero.isPresent()) {
                return atZero.get().value();
              }
            }
            throw missing(
                metric
                    + " on the clean test rows"
                    + (slice == null ? "" : " in slice " + quote(slice))
                    + " (nor at severity 0 of "
                    + quote(variant)
                    + ") to measure the drop from",
                "");
          }
        default:
          {
            if (variant != null && !earlier.variants().contains(variant)) {
              throw missing(
                  "variant " + quote(variant) + " in the earlier run",
                  " (it has " + earlier.variants() + ")");
            }
            OptionalDouble s =
                variant == null
                    ? OptionalDouble.of(0)
                    : matchSeverity(earlier.severities(variant), severity);
            if (s.isEmpty()) {
              throw missing(
                  "severity "
                      + Verdict.number(severity)
                      + " of "
                      + quote(variant)
                      + " in the earlier run",
                  " (it has " + earlier.severities(variant) + ")");
            }
            Optional<Measurement> old =
                slice == null
                    ? at(earlier, variant, s.getAsDouble())
                    : Optional.ofNullable(slices(earlier, variant, s.getAsDouble()).get(slice));
            return need(
                    old,
                    variant,
                    severity,
                    (slice == null ? "" : " in slice " + quote(slice)) + " in the earlier run")
                .value();
          }
      }
    }

    private Optional<Measurement> at(Measurements m, String variant, double severity) {
      return variant == null ? m.clean(metric) : m.measured(metric, variant, severity);
    }

    private Map<String, Measurement> slices(Measurements m, String variant, double severity) {
      return variant == null
          ? m.cleanBySlice(metric)
          : m.measuredBySlice(metric, variant, severity);
    }

    private Measurement need(
        Optional<Measurement> m, String variant, double severity, String suffix) {
      return m.orElseThrow(() -> missing(metric + place(variant, severity) + suffix, ""));
    }

    private static String place(String variant, double severity) {
      return variant == null
          ? " on the clean test rows"
          : " under " + variant + " at " + Verdict.number(severity);
    }

    private UserInputException missing(String what, String detail) {
      return error(
          "no measurement of " + what + detail,
          "the run to measure every metric, variant and severity its expectations name",
          "add the metric to the scenario's metrics (or a model that can give it), or remove the"
              + " expectation");
    }

    private UserInputException error(String found, String expected, String fix) {
      return new UserInputException("expectation " + quote(e.text()), found, expected, fix);
    }
  }
}
