package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.FieldException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpProviderTest {
  static final Table TRAIN =
      Csv.read(
              Path.of("../../examples/data/credit_g.csv"), CsvOptions.defaults().withLabel("class"))
          .slice(0, 200);

  static ModelRequest request(Map<String, String> params, long seed) {
    return new ModelRequest("class", params, Seed.of(seed), Path.of("."));
  }

  @Test
  void theDeepModuleRegistersTheMlpAsARetrainableDifferentiableModel() {
    ModelProvider p = Registry.models().get("mlp");
    assertThat(p.capabilities())
        .contains(ModelCapability.RETRAINABLE, ModelCapability.INPUT_GRADIENTS)
        .doesNotContain(ModelCapability.THREAD_SAFE);
    ModelHandle h = p.open(request(Map.of("hidden", "4", "epochs", "3"), 5));
    Classifier m = h.fit(TRAIN);
    assertThat(m).isInstanceOf(Differentiable.class);
    assertThat(m.classes()).containsExactly("bad", "good");
    // the request's seed reaches the trainer: the same seed, the same weights
    Classifier again = p.open(request(Map.of("hidden", "4", "epochs", "3"), 5)).fit(TRAIN);
    assertThat(again.predictProba(TRAIN)).isEqualTo(m.predictProba(TRAIN));
  }

  @Test
  void aParameterOutOfRangeNamesItself() {
    ModelProvider p = Registry.models().get("mlp");
    assertThatThrownBy(() -> p.open(request(Map.of("hidden", "5000"), 1)))
        .isInstanceOf(FieldException.class)
        .hasMessageContaining("hidden")
        .hasMessageContaining("[1, 4096]");
  }
}
