package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine refuses before it reads a row, and how seeds are derived. */
class EngineChecksTest {
  static final Path DATA = Path.of("../../examples/data").toAbsolutePath();

  /** A spec whose data file does not exist: a check that fails first never reads it. */
  static ScenarioSpec.Builder missingData() {
    return ScenarioSpec.builder().name("checks").csv("no-such.csv", "class");
  }

  @Test
  void aGradientAttackOnATreeIsRefusedBeforeAnyDataIsRead() {
    ScenarioSpec spec =
        missingData().model("decision-tree").variant(VariantSpec.of("pgd", null)).build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().run(spec, DATA))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("checks (variants[0].kind)")
        .hasMessageContaining("needs a model that is input-gradients")
        .hasMessageContaining("score-based or decision-based");
  }

  @Test
  void aRetrainingVariantNeedsARetrainableModel() {
    ScenarioSpec spec =
        missingData()
            .model(ModelSpec.javaClass(FixedModel.class.getName()))
            .variant(VariantSpec.of("flips", "label-flip"))
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().run(spec, DATA))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("needs a model that is retrainable");
  }

  @Test
  void anUnknownKindSuggestsTheClosest() {
    ScenarioSpec spec = missingData().variant(VariantSpec.of("drift", "covariate-shfit")).build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(spec))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("did you mean covariate-shift?");
  }

  @Test
  void aBadParameterNamesItsPlace() {
    ScenarioSpec spec =
        missingData()
            .variant(VariantSpec.of("drift", "covariate-shift").withParam("shfit", "2"))
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(spec))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("variants[0].params")
        .hasMessageContaining("shfit");
  }

  @Test
  void anExpectationUnderAnUnknownVariantIsRefused() {
    ScenarioSpec spec =
        missingData()
            .variant(VariantSpec.of("drift", "covariate-shift"))
            .expect("accuracy drop <= 0.1 under drfit")
            .build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(spec))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("expectations[0]")
        .hasMessageContaining("drift");
  }

  @Test
  void aMetricOfAnotherKindIsNotAnOutcomeMetric() {
    ScenarioSpec spec = missingData().metrics("accuracy", "quality_score").build();
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().validate(spec))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("metrics[1]")
        .hasMessageContaining("synthetic fidelity metric");
  }

  @Test
  void aMissingDataFileNamesTheKey() {
    assertThatThrownBy(() -> ScenarioRunner.withDefaults().run(missingData().build(), DATA))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("checks (data.csv)")
        .hasMessageContaining("no such file: no-such.csv");
  }

  @Test
  void aVariantsFiguresDependOnItsNameNotItsPosition() {
    VariantSpec noise =
        VariantSpec.of("noise", "gaussian-noise").withParam("scale", "1").withSeverities(0, 1);
    VariantSpec missing =
        VariantSpec.of("holes", "missing").withParam("rate", "0.5").withSeverities(0, 1);
    ScenarioSpec alone =
        ScenarioSpec.builder()
            .seed(1)
            .csv("credit_g.csv", "class")
            .bootstrap(20)
            .variant(noise)
            .build();
    ScenarioSpec withAnother =
        ScenarioSpec.builder()
            .seed(1)
            .csv("credit_g.csv", "class")
            .bootstrap(20)
            .variant(missing)
            .variant(noise)
            .build();
    ScenarioResult a = ScenarioRunner.withDefaults().run(alone, DATA);
    ScenarioResult b = ScenarioRunner.withDefaults().withThreads(2).run(withAnother, DATA);
    assertThat(b.variant("noise").orElseThrow().places())
        .isEqualTo(a.variant("noise").orElseThrow().places());
    // and the noise does change the predictions at severity 1
    assertThat(a.place("noise", 1).orElseThrow().metrics().get("log_loss"))
        .isNotEqualTo(a.clean().metrics().get("log_loss"));
    assertThat(List.of(a.seed(), b.seed())).containsOnly(1L);
  }

  @Test
  void aVariantFailingWhileRunningGivesTheSameErrorAtAnyThreadCount() {
    // two variants fail on their rows, after a refitting one: the first in the scenario's order
    // is reported, however the tasks were scheduled
    ScenarioSpec spec =
        ScenarioSpec.builder()
            .seed(1)
            .csv("credit_g.csv", "class")
            .bootstrap(20)
            .variant(VariantSpec.of("flips", "label-flip").withSweep(2))
            .variant(VariantSpec.of("first", "covariate-shift").withParam("column", "nope"))
            .variant(VariantSpec.of("second", "covariate-shift").withParam("column", "nada"))
            .build();
    for (int threads : new int[] {1, 2}) {
      assertThatThrownBy(() -> ScenarioRunner.withDefaults().withThreads(threads).run(spec, DATA))
          .as(threads + " threads")
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("no column \"nope\"");
    }
  }

  @Test
  void aJavaClassIsTheModelUnderTest() {
    ScenarioSpec spec =
        ScenarioSpec.builder()
            .seed(2)
            .csv("credit_g.csv", "class")
            .model(ModelSpec.javaClass(FixedModel.class.getName()))
            .metrics("accuracy", "recall_macro")
            .bootstrap(0)
            .variant(VariantSpec.of("holes", "missing").withSeverities(0, 1))
            .build();
    ScenarioResult r = ScenarioRunner.withDefaults().run(spec, DATA);
    // it says "good" for every row: accuracy is the test rows' share of good (700 of 1,000,
    // stratified: 210 of 300), recall is 1 for good and 0 for bad
    assertThat(r.clean("accuracy").orElseThrow().value()).isEqualTo(0.7);
    assertThat(r.clean("recall_macro").orElseThrow().value()).isEqualTo(0.5);
    assertThat(r.model()).isEqualTo(FixedModel.class.getName());
  }

  /** A fixed model: not retrainable. */
  public static final class FixedModel implements dev.gauntlet.model.Classifier {
    @Override
    public List<String> classes() {
      return List.of("bad", "good");
    }

    @Override
    public dev.gauntlet.model.ClassProbabilities predictProba(dev.gauntlet.data.Table table) {
      double[] p = new double[table.rowCount() * 2];
      for (int r = 0; r < table.rowCount(); r++) {
        p[2 * r + 1] = 1;
      }
      return dev.gauntlet.model.ClassProbabilities.of(classes(), table.rowCount(), p);
    }
  }
}
