package dev.gauntlet.junit.assertions;

import dev.gauntlet.scenario.ScenarioResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a scenario run (or on one variant and severity of it). */
public final class ScenarioResultAssert
    extends AbstractAssert<ScenarioResultAssert, ScenarioResult> {
  private final String variant;
  private final Double severity;

  ScenarioResultAssert(ScenarioResult actual, String variant, Double severity) {
    super(actual, ScenarioResultAssert.class);
    this.variant = variant;
    this.severity = severity;
  }

  /**
   * A metric of the scenario's {@code metrics:} (or one a variant reports), on the clean test rows
   * unless {@link MetricAssert#under} names a variant.
   */
  public MetricAssert metric(String id) {
    isNotNull();
    MetricAssert m = new MetricAssert(actual, id, variant, severity, false, false);
    m.describedAs(info.description());
    if (variant == null
        && !actual.clean().metrics().containsKey(id)
        && actual.sweeps().stream()
            .anyMatch(v -> v.places().stream().anyMatch(p -> p.metrics().containsKey(id)))) {
      // a variant's own figure (attack_success_rate): under(...) names the variant and checks it
      return m;
    }
    return m.checkMeasured();
  }

  /** Every expectation of the scenario holds; a failure lists each one that does not. */
  public ScenarioResultAssert allExpectationsHold() {
    isNotNull();
    if (!actual.passed()) {
      throwAssertionError(new ShouldHoldAllExpectations(actual));
    }
    return this;
  }
}
