package dev.gauntlet.junit.assertions;

import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.scenario.ScenarioResult;

/**
 * Entry points of the fluent assertions, in AssertJ's style:
 *
 * <pre>
 * assertThat(result).metric("accuracy").under("covariate-shift").isAtLeast(0.8);
 * assertThat(result).metric("accuracy").under("covariate-shift").dropFromBaseline().isAtMost(0.05);
 * assertThat(result).metric("accuracy").worstSlice().isAtLeast(0.7);
 * assertThat(result).allExpectationsHold();
 * assertThat(scenarioCase).metric("accuracy").isAtLeast(0.7); // this invocation's place
 * </pre>
 *
 * Needs assertj-core on the test class path (it comes with gauntlet-junit).
 */
public final class GauntletAssertions {
  private GauntletAssertions() {}

  /** Assertions on a whole run; {@code metric(id)} starts on the clean test rows. */
  public static ScenarioResultAssert assertThat(ScenarioResult actual) {
    return new ScenarioResultAssert(actual, null, null);
  }

  /** Assertions on one invocation: {@code metric(id)} is measured at its variant and severity. */
  public static ScenarioResultAssert assertThat(ScenarioCase actual) {
    return new ScenarioResultAssert(
        actual.result(),
        actual.variant().map(v -> v.name()).orElse(null),
        actual.variant().isPresent() ? actual.severity() : null);
  }
}
