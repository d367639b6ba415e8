package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.evaluation.OutcomeMetric;
import dev.gauntlet.evaluation.Outcomes;
import dev.gauntlet.evaluation.RobustnessSweep;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One accuracy, and one answer to a missing label, on every path that reports accuracy. */
class AccuracyTest {

  /** Says "1" with probability 0.9 on every row. */
  static final Classifier ALWAYS_ONE =
      new Classifier() {
        @Override
        public List<String> classes() {
          return List.of("0", "1");
        }

        @Override
        public ClassProbabilities predictProba(Table table) {
          double[] flat = new double[2 * table.rowCount()];
          for (int r = 0; r < table.rowCount(); r++) {
            flat[2 * r] = 0.1;
            flat[2 * r + 1] = 0.9;
          }
          return ClassProbabilities.of(classes(), table.rowCount(), flat);
        }
      };

  static Table labelled(String... y) {
    double[] x = new double[y.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    return Table.builder().numeric("x", x).categorical("y", y).build();
  }

  @Test
  void theShareOfRowsWhosePredictedClassIsTheLabel() {
    Table t = labelled("1", "0", "1", "1");
    assertThat(Accuracy.of(ALWAYS_ONE, t, "y")).isEqualTo(0.75);
    assertThat(Accuracy.correct(ALWAYS_ONE, t, "y")).containsExactly(true, false, true, true);
    assertThat(Accuracy.of(ALWAYS_ONE, labelled(), "y")).isNaN();
    // a numeric label is compared by its CSV text
    Table numeric = Table.builder().numeric("y", 1, 0, 1).build();
    assertThat(Accuracy.of(ALWAYS_ONE, numeric, "y")).isEqualTo(2.0 / 3);
    // a class the model does not predict counts as wrong
    assertThat(Accuracy.of(ALWAYS_ONE, labelled("1", "2"), "y")).isEqualTo(0.5);
  }

  @Test
  void everyPathGivesTheSameFigure() {
    Table t = labelled("1", "0", "1", "1", "0", "1", "1", "1");
    double accuracy = Accuracy.of(ALWAYS_ONE, t, "y");
    assertThat(accuracy).isEqualTo(0.75);
    assertThat(CrossValidation.accuracy(ALWAYS_ONE, t, "y")).isEqualTo(accuracy);
    Outcomes outcomes = Outcomes.of(ALWAYS_ONE, t, "y");
    assertThat(OutcomeMetric.accuracy().apply(outcomes)).isEqualTo(accuracy);
    assertThat(OutcomeMetric.errorRate().apply(outcomes)).isEqualTo(1 - accuracy);
    assertThat(ClassificationMetrics.of(outcomes.y(), outcomes.p()).accuracy()).isEqualTo(accuracy);
    assertThat(
            RobustnessSweep.withDefaults()
                .withResamples(10)
                .run(ALWAYS_ONE, t, "y", "none", (table, s, seed) -> table, Seed.of(1))
                .baseline())
        .isEqualTo(accuracy);
  }

  @Test
  void aMissingLabelIsRefusedTheSameWayOnEveryPath() {
    Table t = labelled("1", "0", null, "1", null);
    ModelTrainer<Classifier> trainer = table -> ALWAYS_ONE;
    List<ThrowingCallable> paths =
        List.of(
            () -> Accuracy.of(ALWAYS_ONE, t, "y"),
            () -> CrossValidation.accuracy(ALWAYS_ONE, t, "y"),
            () -> CrossValidation.stratified(2, Seed.of(1)).run(trainer, t, "y"),
            () -> OutcomeMetric.accuracy().apply(Outcomes.of(ALWAYS_ONE, t, "y")),
            () ->
                RobustnessSweep.withDefaults()
                    .withResamples(10)
                    .run(ALWAYS_ONE, t, "y", "none", (table, s, seed) -> table, Seed.of(1)));
    for (ThrowingCallable path : paths) {
      assertThatThrownBy(path)
          .isInstanceOf(UserInputException.class)
          .hasMessageStartingWith("label column \"y\", row 3")
          .hasMessageContaining("a missing label (2 of 5 rows)")
          .hasMessageContaining("a true class for every row whose predictions are scored");
    }
  }
}
