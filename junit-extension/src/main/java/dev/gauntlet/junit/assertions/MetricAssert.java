package dev.gauntlet.junit.assertions;

import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.metrics.Direction;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.VariantResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractAssert;

/**
 * A metric of a run at a place: the clean test rows, or a variant at one severity or at every
 * severity (the worst decides); its value, its drop from the clean rows, or either on its worst
 * slice. Bounds are inclusive; an undefined value (NaN) meets none.
 */
public final class MetricAssert extends AbstractAssert<MetricAssert, ScenarioResult> {
  private final String metric;
  private final String variant;
  private final Double severity;
  private final boolean drop;
  private final boolean worstSlice;

  MetricAssert(
      ScenarioResult actual,
      String metric,
      String variant,
      Double severity,
      boolean drop,
      boolean worstSlice) {
    super(actual, MetricAssert.class);
    this.metric = metric;
    this.variant = variant;
    this.severity = severity;
    this.drop = drop;
    this.worstSlice = worstSlice;
  }

  /** Under a variant: at every severity of its sweep unless {@link #atSeverity} picks one. */
  public MetricAssert under(String variantName) {
    return copy(variantName, null, drop, worstSlice).checkMeasured();
  }

  /** At one severity of the variant {@link #under} named. */
  public MetricAssert atSeverity(double newSeverity) {
    if (variant == null) {
      throw new IllegalStateException("atSeverity needs a variant: call under(...) first");
    }
    return copy(variant, newSeverity, drop, worstSlice).checkMeasured();
  }

  /**
   * The drop from the clean test rows (worse in the metric's direction is positive), which needs a
   * variant.
   */
  public MetricAssert dropFromBaseline() {
    if (variant == null) {
      throw new IllegalStateException(
          "dropFromBaseline compares a variant with the clean rows: call under(...) first");
    }
    return copy(variant, severity, true, worstSlice);
  }

  /** The value (or drop) on the slice where it is worst. */
  public MetricAssert worstSlice() {
    return copy(variant, severity, drop, true).checkSliced();
  }

  public MetricAssert isAtLeast(double bound) {
    checkMeasured();
    Found worst = worst(true);
    if (!(worst.value >= bound)) {
      throwAssertionError(new ShouldBeAtLeast(describe(), worst, bound, actual.seed()));
    }
    return this;
  }

  public MetricAssert isAtMost(double bound) {
    checkMeasured();
    Found worst = worst(false);
    if (!(worst.value <= bound)) {
      throwAssertionError(new ShouldBeAtMost(describe(), worst, bound, actual.seed()));
    }
    return this;
  }

  /** What was measured at one place. */
  record Found(String variant, double severity, String slice, double value, Measurement raw) {}

  private MetricAssert copy(String v, Double s, boolean d, boolean w) {
    MetricAssert m = new MetricAssert(actual, metric, v, s, d, w);
    m.describedAs(info.description());
    return m;
  }

  private String describe() {
    return metric + (drop ? " drop from the clean rows" : "");
  }

  MetricAssert checkMeasured() {
    isNotNull();
    if (variant != null && actual.variant(variant).isEmpty()) {
      throwAssertionError(ShouldHaveMeasured.variant(variant, actual.variants(), actual.seed()));
    }
    if (variant != null && severity != null && actual.place(variant, severity).isEmpty()) {
      throwAssertionError(
          ShouldHaveMeasured.severity(
              variant, severity, actual.severities(variant), actual.seed()));
    }
    for (PlaceResult p : places()) {
      if (!p.metrics().containsKey(metric)) {
        throwAssertionError(
            ShouldHaveMeasured.metric(
                metric, variant, new ArrayList<>(p.metrics().keySet()), actual.seed()));
      }
    }
    return this;
  }

  private MetricAssert checkSliced() {
    for (PlaceResult p : places()) {
      if (p.slices().getOrDefault(metric, Map.of()).isEmpty()) {
        throwAssertionError(ShouldHaveMeasured.slices(metric, actual.seed()));
      }
    }
    return this;
  }

  private List<PlaceResult> places() {
    if (variant == null) {
      return List.of(actual.clean());
    }
    VariantResult v = actual.variant(variant).orElseThrow();
    if (severity == null) {
      return v.places();
    }
    return List.of(actual.place(variant, severity).orElseThrow());
  }

  /** The worst place for the bound's side: the smallest figure for at least, the largest else. */
  private Found worst(boolean atLeast) {
    isNotNull();
    Found worst = null;
    for (PlaceResult p : places()) {
      Found f = at(p);
      if (worst == null
          || Double.isNaN(f.value)
          || (!Double.isNaN(worst.value)
              && (atLeast ? f.value < worst.value : f.value > worst.value))) {
        worst = f;
        if (Double.isNaN(f.value)) {
          break;
        }
      }
    }
    return worst;
  }

  private Found at(PlaceResult p) {
    String v = variant;
    if (!worstSlice) {
      Measurement m = drop ? p.drops().get(metric) : p.metrics().get(metric);
      if (m == null) {
        throwAssertionError(ShouldHaveMeasured.drop(metric, variant, actual.seed()));
      }
      return new Found(v, p.severity(), null, m.value(), m);
    }
    Direction direction =
        MetricCatalog.find(metric)
            .map(MetricDefinition::direction)
            .orElse(Direction.HIGHER_IS_BETTER);
    Map<String, Measurement> clean = actual.clean().slices().getOrDefault(metric, Map.of());
    Found worst = null;
    for (Map.Entry<String, Measurement> e : p.slices().getOrDefault(metric, Map.of()).entrySet()) {
      double figure;
      if (drop) {
        Measurement reference = clean.get(e.getKey());
        figure =
            reference == null
                ? Double.NaN
                : direction.worsening(reference.value(), e.getValue().value());
      } else {
        figure = e.getValue().value();
      }
      boolean worse =
          worst == null
              || (drop
                  ? (figure > worst.value || Double.isNaN(figure))
                  : direction.isWorse(figure, worst.value));
      if (worse) {
        worst = new Found(v, p.severity(), e.getKey(), figure, e.getValue());
      }
    }
    return worst;
  }
}
