package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/** The attacks report {@link Accuracy}, and refuse a missing label as every accuracy does. */
class AttackAccuracyTest {

  @Test
  void cleanAccuracyIsTheSharedDefinition() {
    EvasionAttackTest.Setup s = EvasionAttackTest.creditG();
    Table test = s.test().slice(0, 40);
    double expected = Accuracy.of(s.model(), test, EvasionAttackTest.LABEL);
    AttackResult gradient =
        GradientAttack.fgsm(Norm.LINF, 0.5)
            .withScaleReference(s.train())
            .run(s.model(), test, Seed.of(1));
    assertThat(gradient.cleanAccuracy()).isEqualTo(expected);
    AttackResult evasion =
        EvasionAttack.scoreBased(Norm.LINF, 0.5)
            .withMaxQueries(20)
            .withScaleReference(s.train())
            .run(s.model(), test, Seed.of(1));
    assertThat(evasion.cleanAccuracy()).isEqualTo(expected);
  }

  @Test
  void aMissingLabelIsRefusedBeforeTheAttack() {
    EvasionAttackTest.Setup s = EvasionAttackTest.creditG();
    Table test = s.test().slice(0, 10);
    String[] labels = new String[test.rowCount()];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = r == 3 ? null : test.column(EvasionAttackTest.LABEL).format(r);
    }
    // it used to count as a wrong prediction
    Table unlabelled =
        test.withColumn(
            test.schema().spec(EvasionAttackTest.LABEL), CategoricalColumn.ofValues(labels));
    assertThatThrownBy(
            () ->
                GradientAttack.fgsm(Norm.LINF, 0.5)
                    .withScaleReference(s.train())
                    .run(s.model(), unlabelled, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("label column \"class\", row 4")
        .hasMessageContaining("a missing label (1 of 10 rows)");
    assertThatThrownBy(
            () ->
                EvasionAttack.decisionBased(Norm.LINF, 0.5)
                    .withScaleReference(s.train())
                    .run(s.model(), unlabelled, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("label column \"class\", row 4");
  }
}
