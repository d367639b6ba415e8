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
