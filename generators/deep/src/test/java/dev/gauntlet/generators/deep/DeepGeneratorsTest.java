package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Smoke tests: a few epochs on a small telco slice, small networks. */
class DeepGeneratorsTest {
  static final Seed SEED = Seed.of(42);
  static Table data;

  @BeforeAll
  static void load() {
    data = DataTransformTest.telcoWithMissing(400);
  }

  static Map<String, String> params(String name) {
    return Map.of(
        "epochs", "3", "batch-size", "100", "hidden", "32", "embedding", "16", "progress", "false");
  }

  static Generator fit(String name, Seed seed) {
    return Registry.generators().get(name).fit(data, params(name), seed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void trainsAndSamplesRowsOfTheSchema(String name) {
    List<TrainingListener.Epoch> epochs = new ArrayList<>();
    GeneratorProvider provider =
        name.equals("vae") ? new VaeProvider(epochs::add) : new GanProvider(epochs::add);
    Generator g = provider.fit(data, params(name), SEED);
    assertThat(epochs).hasSize(3);
    assertThat(epochs.get(2).losses().values()).allMatch(Double::isFinite);
    Table rows = g.sample(SEED, 300);
    assertThat(rows.rowCount()).isEqualTo(300);
    assertThat(rows.schema()).isEqualTo(data.schema());
    assertThat(rows.categorical("contract").levels())
        .isEqualTo(data.categorical("contract").levels());
    for (double v : rows.numeric("tenure").values()) {
      assertThat(v).isBetween(0.0, 72.0).isEqualTo(Math.rint(v));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void sameSeedSameWeightsAndRows(String name) {
    DeepGenerator a = (DeepGenerator) fit(name, SEED);
    DeepGenerator b = (DeepGenerator) fit(name, SEED);
    assertThat(a.params().values().keySet()).isEqualTo(b.params().values().keySet());
    a.params().values().forEach((k, v) -> assertThat(b.params().get(k)).as(k).isEqualTo(v));
    assertThat(a.sample(Seed.of(7), 200)).isEqualTo(b.sample(Seed.of(7), 200));
    DeepGenerator c = (DeepGenerator) fit(name, Seed.of(43));
    assertThat(c.params().get(name.equals("vae") ? "out.w" : "g.out.w"))
        .isNotEqualTo(a.params().get(name.equals("vae") ? "out.w" : "g.out.w"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void restoredGeneratorSamplesTheSameRows(String name) throws Exception {
    Generator g = fit(name, SEED);
    ObjectMapper json = new ObjectMapper();
    JsonNode state = json.readTree(json.writeValueAsString(g.state()));
    Generator restored = Registry.generators().get(name).restore(state);
    assertThat(restored.schema()).isEqualTo(g.schema());
    assertThat(restored.sample(Seed.of(9), 500)).isEqualTo(g.sample(Seed.of(9), 500));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void conditionalSamplingGivesTheAskedLevel(String name) {
    ConditionalSampler g = (ConditionalSampler) fit(name, SEED);
    Table yes = g.sampleWhere(150, Seed.of(3), "churn", "Yes");
    assertThat(yes.rowCount()).isEqualTo(150);
    for (int r = 0; r < yes.rowCount(); r++) {
      assertThat(yes.categorical("churn").level(r)).isEqualTo("Yes");
    }
    assertThatThrownBy(() -> g.sampleWhere(5, Seed.of(3), "churn", "Maybe"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("[No, Yes]");
  }

  @Test
  void unknownParameterIsAUserError() {
    assertThatThrownBy(() -> Registry.generators().get("gan").fit(data, Map.of("epoch", "3"), SEED))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("epochs");
  }

  @Test
  void aVaeAndAGanTrainAtOnceOnTwoThreadsAndGiveTheirSequentialRows() throws Exception {
    // Failed before: DJL's PyTorch gradient collector is one per JVM, so the second fit threw
    // "A PtGradientCollector is already collecting" (a scenario's vae and gan variants at once).
    Map<String, String> longer = new java.util.HashMap<>(params("vae"));
    longer.put("epochs", "10");
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Table>> rows = new ArrayList<>();
      for (String name : List.of("vae", "gan")) {
        rows.add(
            pool.submit(
                () ->
                    Registry.generators()
                        .get(name)
                        .fit(data, longer, SEED)
                        .sample(SEED.derive("rows"), 50)));
      }
      for (int i = 0; i < 2; i++) {
        String name = List.of("vae", "gan").get(i);
        Table alone =
            Registry.generators().get(name).fit(data, longer, SEED).sample(SEED.derive("rows"), 50);
        assertThat(rows.get(i).get()).as(name).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
