package dev.gauntlet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.DecisionTree;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelProviderTest {
  private static final Table TRAIN =
      Table.builder()
          .numeric("x", 0, 1, 2, 3, 4, 5, 6, 7)
          .categorical("y", "a", "a", "a", "b", "a", "b", "b", "b")
          .build();

  private static ModelRequest request(Map<String, String> params) {
    return new ModelRequest("y", params, Seed.of(3), Path.of("."));
  }

  @Test
  void builtInKindsAreRegistered() {
    assertThat(Registry.models().names()).contains("logistic-regression", "decision-tree");
  }

  @Test
  void logisticRegressionIsRetrainableAndDifferentiable() {
    ModelProvider p = Registry.models().get("logistic-regression");
    try (ModelHandle h = p.open(request(Map.of("c", "2")))) {
      assertThat(h.capabilities()).isEqualTo(p.capabilities());
      Classifier model = h.fit(TRAIN);
      assertThat(model).isInstanceOf(Differentiable.class);
      assertThat(model.classes()).containsExactly("a", "b");
      // The largest x is far on the "b" side of the data, the smallest on the "a" side.
      assertThat(model.predict(Table.builder().numeric("x", -5, 12).build()))
          .containsExactly("a", "b");
    }
  }

  @Test
  void decisionTreeReadsItsParametersAndSeed() {
    ModelHandle h =
        Registry.models()
            .get("decision-tree")
            .open(request(Map.of("max-depth", "1", "min-samples-leaf", "1")));
    DecisionTree tree = (DecisionTree) h.fit(TRAIN);
    assertThat(tree.depth()).isEqualTo(1);
    assertThat(h.can(ModelCapability.INPUT_GRADIENTS)).isFalse();
    assertThat(h.can(ModelCapability.RETRAINABLE)).isTrue();
  }

  @Test
  void anUnknownParameterNamesTheKnownOnes() {
    ModelProvider p = Registry.models().get("logistic-regression");
    assertThatThrownBy(() -> p.open(request(Map.of("C", "2"))))
        .isInstanceOf(FieldException.class)
        .hasMessageContaining("\"C\"")
        .hasMessageContaining("one of [c, max-iterations]");
  }

  @Test
  void aBadValueNamesItsParameter() {
    ModelProvider p = Registry.models().get("decision-tree");
    assertThatThrownBy(() -> p.open(request(Map.of("max-depth", "0.5"))))
        .isInstanceOf(FieldException.class)
        .satisfies(e -> assertThat(((FieldException) e).pathText()).isEqualTo("max-depth"))
        .hasMessageContaining("a whole number within [1, 1000]");
  }

  @Test
  void anUnknownKindListsTheKnownOnes() {
    assertThatThrownBy(() -> Registry.models().get("xgboost"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("logistic-regression");
  }

  @Test
  void aFixedModelIsNeverRetrainable() {
    Classifier model = Registry.models().get("decision-tree").open(request(Map.of())).fit(TRAIN);
    assertThat(ModelHandle.fixed(model).fit(null)).isSameAs(model);
    assertThatThrownBy(() -> ModelHandle.fixed(model, ModelCapability.RETRAINABLE))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
