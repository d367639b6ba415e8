package dev.gauntlet.examples;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTables;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.DecisionTree;
import dev.gauntlet.scenario.ScenarioResult;

/**
 * Story 3 (scenarios/churn-world.yaml): a simulated customer world whose churn rule is known, with
 * 10 % label noise, and a decision tree under noise, missing values, shift, poisoning and a
 * black-box attack. The world also writes the noise-free label (churn_true, an id column, never a
 * feature), so the tree can be judged against the truth, not only against the noisy labels. Figures
 * quoted were measured at the scenario's seed 7 on 901 test rows (one standard error of an accuracy
 * there is about 0.012).
 */
class ChurnWorldTest {

  @ScenarioTest("scenarios/churn-world.yaml")
  void theTreeIsRobustAgainstTheKnownRule(ScenarioCase c, ScenarioResult run, ScenarioTables rows) {
    assertThat(run).allExpectationsHold();
    switch (c.variantName()) {
      case "noisy-ages" -> assertThat(c).metric("accuracy").dropFromBaseline().isAtMost(0.05);
      // 30 % of the cells blank at severity 1: 0.80 against 0.86 clean
      case "missing-values" -> assertThat(c).metric("accuracy").dropFromBaseline().isAtMost(0.1);
      // a label-only attack with 100 queries a row turns 26 % of the rows at severity 1
      case "probing" -> assertThat(c).metric("attack_success_rate").isAtMost(0.4);
      default -> {}
    }
    if (!c.variantName().equals("clean")) {
      return;
    }
    // The same tree, refitted on the same training rows, judged against the noisy labels and the
    // noise-free rule. Flipping 10 % of the labels at random caps accuracy against them near 0.9;
    // against the truth the tree does better (0.95 against 0.86 when written): the noise is in the
    // labels, not in what the tree learnt.
    Table test = rows.test();
    DecisionTree tree =
        DecisionTree.trainer("churn").withMaxDepth(4).withMinSamplesLeaf(20).fit(rows.train());
    double againstLabels = CrossValidation.accuracy(tree, test, "churn");
    double againstTruth = CrossValidation.accuracy(tree, test, "churn_true");
    assertThat(againstLabels).isBetween(0.8, 0.9);
    assertThat(againstTruth).isGreaterThan(againstLabels + 0.03);
  }
}
