package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example scenarios on model files (ONNX, TorchScript) run from the CLI. */
class ModelFileScenariosTest {
  static final Path EXAMPLES = Path.of("../../examples/scenarios");
  @TempDir Path dir;

  @Test
  void theOnnxIrisExampleHoldsUnderDriftAndBlackBoxAttacks() throws IOException {
    Path out = dir.resolve("out");
    CliRun r =
        CliRun.of(
            "run",
            EXAMPLES.resolve("iris-onnx.yaml").toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    // no warnings from DJL or ONNX Runtime on a CPU-only machine
    assertThat(r.err()).isEmpty();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.path("passed").asBoolean()).isTrue();
    assertThat(Files.readString(out.resolve("junit.xml")))
        .contains("tests=\"4\"", "failures=\"0\"");
  }

  @Test
  void theTorchScriptCreditExampleHolds() {
    Path out = dir.resolve("out");
    CliRun r =
        CliRun.of(
            "run",
            EXAMPLES.resolve("credit-torchscript.yaml").toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void fgsmRunsOnTheTorchScriptModelFlipsSomeRowsAndRepeatsForTheSeed() throws IOException {
    double[] first = fgsmSuccessRates(dir.resolve("first"));
    double[] again = fgsmSuccessRates(dir.resolve("again"));
    assertThat(first).hasSize(3); // severities 0, 1, 2
    assertThat(first[0]).isZero(); // no budget, no flips
    // epsilon 0.5 and 1 standard deviations flip some test rows, more with the larger budget
    assertThat(first[1]).isGreaterThan(0);
    assertThat(first[2]).isGreaterThan(first[1]);
    assertThat(again).isEqualTo(first); // seed 11 in the file: the same rows, the same rate
  }

  private static double[] fgsmSuccessRates(Path out) throws IOException {
    CliRun r =
        CliRun.of(
            "run",
            EXAMPLES.resolve("credit-torchscript.yaml").toString(),
            "--out",
            out.toString(),
            "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    for (JsonNode v : report.path("variants")) {
      if (v.path("name").asText().equals("gradient-evasion")) {
        assertThat(v.path("kind").asText()).isEqualTo("fgsm");
        JsonNode places = v.path("severities");
        double[] rates = new double[places.size()];
        for (int i = 0; i < rates.length; i++) {
          rates[i] =
              places.get(i).path("metrics").path("attack_success_rate").path("value").asDouble();
        }
        return rates;
      }
    }
    throw new AssertionError("no gradient-evasion variant in " + report);
  }

  @Test
  void aDeclaredWidthTheFileDoesNotHaveExitsTwoBeforeAnyVariantRuns() throws IOException {
    Path models = Path.of("../../examples/models").toAbsolutePath().normalize();
    Path data = Path.of("../../examples/data").toAbsolutePath().normalize();
    String yaml =
        Files.readString(EXAMPLES.resolve("iris-onnx.yaml"))
            .replace(
                "inputs: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm",
                "inputs: sepal_length_cm, sepal_width_cm, petal_length_cm")
            .replace("../models/", models + "/")
            .replace("../data/", data + "/");
    Path file = Files.writeString(dir.resolve("narrow.yaml"), yaml);
    Path out = dir.resolve("out");
    CliRun r = CliRun.of("run", file.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains("iris_lr.onnx (input \"input\")", "[N, 4]", "[N, 3]")
        .doesNotContain("\tat ");
    assertThat(r.out() + r.err()).doesNotContain("variants:");
    assertThat(out.resolve("report.json")).doesNotExist();
  }
}
