package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
  private static final Seed SEED = Seed.of(7);

  /**
   * y = 1 exactly when x1 + 0.5 e > 0, with x1, noise and e standard normal; colour (red or blue)
   * is noise too. So only x1 carries information about y.
   */
  private static Table world(int rows, long part) {
    UniformRandomProvider rng = SEED.rng("permutation-world", part);
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    double[] x1 = new double[rows];
    double[] noise = new double[rows];
    String[] colour = new String[rows];
    String[] y = new String[rows];
    for (int r = 0; r < rows; r++) {
      x1[r] = gauss.sample();
      noise[r] = gauss.sample();
      colour[r] = rng.nextBoolean() ? "red" : "blue";
      y[r] = x1[r] + 0.5 * gauss.sample() > 0 ? "1" : "0";
    }
    return Table.builder()
        .numeric("x1", x1)
        .numeric("noise", noise)
        .categorical("colour", colour)
        .categorical("y", y)
        .role("y", ColumnRole.LABEL)
        .build();
  }

  /**
   * x1 drives y; noise and colour do not. Tolerance for the noise columns: |mean drop| <= 0.01 in
   * accuracy. The fitted model gives them small weights (0.12 for noise, 0.27 for colour against
   * 3.25 for x1), so a shuffle moves a row's score by about w * sqrt(2) and can only flip the rows
   * within about 0.1 of the boundary in x1; those flips go both ways. Over 20 seeds (0 to 19) the
   * largest |mean drop| of a noise column was 0.0044, so 0.01 leaves more than twice that; x1's
   * drop was 0.33 to 0.35 (accuracy 0.84 falls to about one half), far above its bound of 0.25.
   */
  @Test
  void theInformativeColumnMattersAndNoiseDoesNot() {
    Table train = world(1000, 0);
    Table test = world(2000, 1);
    Classifier model = LogisticRegression.trainer("y").fit(train);

    PermutationImportance.Result result =
        PermutationImportance.withDefaults(SEED).run(model, test, "y");

    assertThat(result.metric()).isEqualTo("accuracy");
    assertThat(result.baseline())
        .isEqualTo(OutcomeMetric.accuracy().apply(Outcomes.of(model, test, "y")));
    assertThat(result.importances())
        .extracting(PermutationImportance.Importance::column)
        .startsWith("x1")
        .containsExactlyInAnyOrder("x1", "noise", "colour");
    PermutationImportance.Importance x1 = result.of("x1");
    assertThat(x1.mean()).isGreaterThan(0.25);
    assertThat(x1.worsenings()).hasSize(PermutationImportance.DEFAULT_REPEATS);
    assertThat(x1.std()).isPositive().isLessThan(0.05);
    assertThat(result.of("noise").mean()).isBetween(-0.01, 0.01);
    assertThat(result.of("colour").mean()).isBetween(-0.01, 0.01);
  }

  @Test
  void logLossIncreaseCanBeTheMeasure() {
    Table test = world(2000, 1);
    Classifier model = LogisticRegression.trainer("y").fit(world(1000, 0));
    PermutationImportance.Result result =
        PermutationImportance.withDefaults(SEED)
            .withMetric(OutcomeMetric.logLoss())
            .withRepeats(3)
            .run(model, test, "y");
    assertThat(result.metric()).isEqualTo("log loss");
    // the increase in log loss, which is lower-is-better: positive when shuffling hurts
    assertThat(result.of("x1").mean()).isGreaterThan(0.5);
    assertThat(result.of("x1").worsenings()).hasSize(3);
    assertThat(result.of("noise").mean()).isBetween(-0.01, 0.01);
  }

  @Test
  void sameSeedSameResultAndTheInputIsLeftAlone() {
    Table test = world(500, 1);
    Table copy = Table.concat(java.util.List.of(test));
    Classifier model = LogisticRegression.trainer("y").fit(world(500, 0));
    PermutationImportance importance = PermutationImportance.withDefaults(SEED);

    PermutationImportance.Result first = importance.run(model, test, "y");
    assertThat(importance.run(model, test, "y")).isEqualTo(first);
    assertThat(test).isEqualTo(copy);
    // each repeat draws another shuffle, and another seed draws other shuffles
    assertThat(first.of("x1").worsenings()).doesNotHaveDuplicates();
    assertThat(PermutationImportance.withDefaults(Seed.of(8)).run(model, test, "y"))
        .isNotEqualTo(first);
  }

  @Test
  void onlyFeatureColumnsAreShuffled() {
    Table test = world(300, 1).withRole("colour", ColumnRole.ID);
    Classifier model =
        LogisticRegression.trainer("y").fit(world(300, 0).withRole("colour", ColumnRole.ID));
    assertThat(PermutationImportance.withDefaults(SEED).run(model, test, "y").importances())
        .extracting(PermutationImportance.Importance::column)
        .containsExactlyInAnyOrder("x1", "noise");
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> PermutationImportance.withDefaults(SEED).withRepeats(0))
        .hasMessage("number of repeats is not positive: 0");
    assertThatThrownBy(
            () ->
                PermutationImportance.withDefaults(SEED)
                    .run(LogisticRegression.trainer("y").fit(world(50, 0)), world(50, 1), "y")
                    .of("x2"))
        .hasMessageStartingWith("no importance for column \"x2\"; columns: [x1, ");
  }
}
