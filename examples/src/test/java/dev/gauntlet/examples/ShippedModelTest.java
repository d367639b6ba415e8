package dev.gauntlet.examples;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.model.http.KServeServer;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Story 5: the ONNX model of scenarios/iris-onnx.yaml tested as a file, then served over KServe v2
 * on the loopback address (what {@code gauntlet serve} does) and tested again through
 * scenarios/iris-http.yaml. The port is a free one; the scenario's own URL names port 8080 for the
 * README's two commands.
 */
class ShippedModelTest {
  private static final Path SCENARIOS = Path.of("scenarios");

  @Test
  void theServedModelMeasuresAsTheFileDoes() throws Exception {
    ScenarioSpec fileSpec = ScenarioFiles.load(SCENARIOS.resolve("iris-onnx.yaml"));
    ScenarioResult fromFile = ScenarioRunner.withDefaults().withThreads(2).run(fileSpec, SCENARIOS);
    assertThat(fromFile).allExpectationsHold();

    ScenarioSpec httpSpec = ScenarioFiles.load(SCENARIOS.resolve("iris-http.yaml"));
    Map<String, String> fileModel = fileSpec.model().params();
    try (KServeServer server =
        KServeServer.serve(
            "onnx", new ModelRequest("species", fileModel, Seed.of(7), SCENARIOS), "iris", 0)) {
      Map<String, String> httpModel = new LinkedHashMap<>(httpSpec.model().params());
      httpModel.put("url", server.url());
      try (ModelHandle http =
          Registry.models()
              .get("http")
              .open(new ModelRequest("species", httpModel, Seed.of(7), SCENARIOS))) {
        ScenarioResult overHttp =
            ScenarioRunner.withDefaults()
                .withThreads(2)
                .withModel(http, "http")
                .run(httpSpec, SCENARIOS);
        assertThat(overHttp).allExpectationsHold();
        // The server answers with the file's own float32 probabilities, and the scenario's seed
        // fixes the split, the drift and the attacks' queries: every figure is the file's (the
        // attacks read the same scores, so they take the same steps).
        for (String variant : fromFile.variants()) {
          for (double s : fromFile.severities(variant)) {
            for (String metric : new String[] {"accuracy", "log_loss"}) {
              var a = fromFile.measured(metric, variant, s);
              var b = overHttp.measured(metric, variant, s);
              assertThat(b.isPresent()).isEqualTo(a.isPresent());
              if (a.isPresent()) {
                assertThat(b.get().value())
                    .as("%s under %s at %s", metric, variant, s)
                    .isCloseTo(a.get().value(), within(1e-6));
              }
            }
          }
        }
        assertThat(overHttp.measured("attack_success_rate", "score-evasion", 0.5).get().value())
            .isEqualTo(
                fromFile.measured("attack_success_rate", "score-evasion", 0.5).get().value());
      }
    }
  }
}
