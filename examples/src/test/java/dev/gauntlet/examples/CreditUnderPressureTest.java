package dev.gauntlet.examples;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.expectations.BreakingPoint;
import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.scenario.ScenarioResult;
import java.util.OptionalDouble;

/**
 * Story 1 (scenarios/credit-under-pressure.yaml): a credit model on German credit under covariate
 * and prior shift, corruption, label-flip and backdoor poisoning with retraining, and FGSM. The
 * figures quoted were measured at the scenario's seed 42 on its 300 held-out rows; one standard
 * error of an accuracy there is about 0.025.
 */
class CreditUnderPressureTest {

  @ScenarioTest("scenarios/credit-under-pressure.yaml")
  void theModelHoldsWhereItMustAndTheReportShowsWhereItBreaks(ScenarioCase c, ScenarioResult run) {
    assertThat(run).allExpectationsHold();
    switch (c.variantName()) {
      case "older-applicants", "noisy-amounts" ->
          // measured drop 0 at every severity (the shifts raise accuracy a little): 4 s.e. of
          // margin
          assertThat(c).metric("accuracy").dropFromBaseline().isAtMost(0.1);
      case "planted-trigger" -> {
        // retrained on 10 % triggered rows relabelled "good": the trigger works (0.97 at 0.5,
        // against 0.73 for triggered rows of a clean model, the share the model calls good anyway)
        // while clean accuracy does not move: the poisoning is invisible to an accuracy check
        if (c.severity() > 0) {
          assertThat(c).metric("backdoor_success_rate").isAtLeast(0.85);
        }
        assertThat(c).metric("accuracy").dropFromBaseline().isAtMost(0.05);
      }
      default -> {}
    }
  }

  @ScenarioTest("scenarios/credit-under-pressure.yaml")
  void aPriorShiftSweepHasABreakingPoint(ScenarioCase c, ScenarioResult run) {
    if (!c.variantName().equals("more-bad-loans")) {
      return;
    }
    // 70 % bad loans at severity 1 against 30 % in the data: accuracy falls from 0.76 to 0.59
    // (a model that learnt the base rate of "good" pays for it), past the bound 0.65 the
    // expectation sets at severity 0.25 (0.71 there: 2 s.e. above the bound)
    Verdict v =
        run.verdicts().stream()
            .filter(x -> x.expectation().toString().contains("under more-bad-loans at 0.25"))
            .findFirst()
            .orElseThrow();
    assertThat(v.passed()).isTrue();
    BreakingPoint b = v.breakingPoints().get(0);
    assertThat(b.variant()).isEqualTo("more-bad-loans");
    assertThat(b.mustHold()).isFalse();
    assertThat(b.severity()).isEqualTo(OptionalDouble.of(1.0));
  }
}
