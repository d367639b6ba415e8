package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  static final Path EXAMPLE = Path.of("../../examples/scenarios/credit-under-pressure.yaml");
  @TempDir Path dir;

  /** The example with one bound raised until it fails, its data path made absolute. */
  private Path tightened(String from, String to) throws IOException {
    String yaml = Files.readString(EXAMPLE);
    assertThat(yaml).contains(from, "../data/credit_g.csv");
    Path data = Path.of("../../examples/data/credit_g.csv").toAbsolutePath().normalize();
    Path file = dir.resolve("tight.yaml");
    Files.writeString(
        file, yaml.replace(from, to).replace("../data/credit_g.csv", data.toString()));
    return file;
  }

  /**
   * Where the example's {@code kind: KIND} variant is, as errors place it ({@code
   * tight.yaml:LINE:COL (variants[I].kind)}), found in the file's text so that editing the example
   * does not break the tests that point at it.
   */
  private static String kindPlace(String kind) throws IOException {
    List<String> lines = Files.readAllLines(EXAMPLE);
    int variants = lines.indexOf("variants:");
    int index = -1;
    for (int i = variants + 1; i < lines.size(); i++) {
      String line = lines.get(i);
      index += line.startsWith("  - ") ? 1 : 0;
      if (line.trim().equals("kind: " + kind)) {
        int column = line.indexOf("kind: ") + "kind: ".length() + 1;
        return "tight.yaml:" + (i + 1) + ":" + column + " (variants[" + index + "].kind)";
      }
    }
    throw new AssertionError("no variant of kind " + kind + " in " + EXAMPLE);
  }

  @Test
  void theExampleHoldsAndWritesItsThreeFiles() throws IOException {
    Path out = dir.resolve("out");
    CliRun r =
        CliRun.of("run", EXAMPLE.toString(), "--out", out.toString(), "--quiet", "--threads", "2");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.path("format").asText()).isEqualTo("gauntlet-report");
    assertThat(report.path("passed").asBoolean()).isTrue();
    assertThat(report.path("timings").has("wall")).isTrue();
    // no path of this machine in the report
    assertThat(Files.readString(out.resolve("report.json"))).doesNotContain(dir.toString());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("seed").asLong()).isEqualTo(42);
    assertThat(manifest.path("inputs").has("../data/credit_g.csv")).isTrue();
    int expectations = ScenarioFiles.load(EXAMPLE).expectations().size();
    assertThat(Files.readString(out.resolve("junit.xml")))
        .contains("tests=\"" + expectations + "\"", "failures=\"0\"");
  }

  @Test
  void aTightenedBoundExitsOneWithTheValueTheBoundAndTheSeed() throws IOException {
    Path file = tightened("- accuracy >= 0.7\n", "- accuracy >= 0.9\n");
    Path out = dir.resolve("out");
    CliRun r =
        CliRun.of("run", file.toString(), "--out", out.toString(), "--quiet", "--seed", "42");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAILED accuracy >= 0.9")
        .contains("measured: 0.7567 on the clean test rows")
        .contains("bound:    >= 0.9")
        .contains("seed:     42")
        .contains("rerun: gauntlet run " + file + " --seed 42");
    assertThat(Files.readString(out.resolve("junit.xml"))).contains("failures=\"1\"");
  }

  @Test
  void aBadScenarioIsAUserError() throws IOException {
    Path file = tightened("kind: fgsm", "kind: fgsn");
    CliRun r = CliRun.of("run", file.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    // at the kind's place in the file
    assertThat(r.err()).contains(kindPlace("fgsm"), "did you mean fgsm?");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void listShowsEveryCategoryWithParameters() {
    CliRun r = CliRun.of("run", "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("test-time:", "training-time:", "evasion:", "synthetic:")
        .contains("  pgd", "needs a model that is [input-gradients]", "epsilon");
    // the models a scenario can name, regressors marked as such, with their parameters
    assertThat(r.out())
        .contains("models (model: kind):", "  logistic-regression", "  decision-tree")
        .contains("  linear-regression", "  regression-tree", "predicts numbers (regression")
        .contains("min-samples-leaf", "l2")
        .contains("classifiers only (it acts on classes)");
  }

  @Test
  void theRegressionExampleHoldsAndARegressorIsRefusedLabelFlipsWithExit2() throws IOException {
    Path penguins = Path.of("../../examples/scenarios/penguins-body-mass.yaml");
    Path out = dir.resolve("penguins");
    CliRun ok = CliRun.of("run", penguins.toString(), "--out", out.toString(), "--quiet");
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.at("/clean/metrics/rmse/value").asDouble()).isBetween(200.0, 400.0);
    assertThat(report.at("/clean/reliability")).isEmpty();

    String yaml =
        Files.readString(penguins)
            .replace("../data/penguins.csv", dataFile("penguins.csv"))
            .replace(
                "  - name: missing-values\n    kind: missing\n",
                "  - name: missing-values\n    kind: label-flip\n");
    assertThat(yaml).contains("kind: label-flip");
    Path file = dir.resolve("flips.yaml");
    Files.writeString(file, yaml);
    CliRun refused = CliRun.of("validate", file.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains(
            "flips.yaml:21:11 (variants[1].kind)",
            "found:    kind label-flip, which changes classes of the label; the model is a"
                + " regressor",
            "expected: a kind for a regression model: a test-time perturbation, copy-test-rows or"
                + " synthetic",
            "fix:      remove the variant, or use a classifier")
        .doesNotContain("Exception");
  }

  private static String dataFile(String name) {
    return Path.of("../../examples/data", name).toAbsolutePath().normalize().toString();
  }

  @Test
  void validateRefusesWhatTheRunWouldRefuse() throws IOException {
    Path file = tightened("model: logistic-regression", "model: decision-tree");
    CliRun r = CliRun.of("validate", file.toString());
    assertThat(r.code()).isEqualTo(2);
    // FGSM needs gradients, which a tree does not give: refused before anything runs
    assertThat(r.err()).contains(kindPlace("fgsm"), "needs a model that is input-gradients");
  }

  @Test
  void anEarlierRunIsABaseline() throws IOException {
    Path first = dir.resolve("first");
    assertThat(CliRun.of("run", EXAMPLE.toString(), "--out", first.toString(), "--quiet").code())
        .isZero();
    Path file =
        tightened(
            "- roc_auc >= 0.7\n",
            "- roc_auc >= 0.7\n  - accuracy drop vs baseline <= 0.01 under every variant\n");
    CliRun same =
        CliRun.of(
            "run",
            file.toString(),
            "--out",
            dir.resolve("second").toString(),
            "--baseline",
            first.resolve("report.json").toString(),
            "--quiet");
    assertThat(same.code()).as(same.out() + same.err()).isZero();
    // another seed splits differently: the same model measured on other rows drifts from the
    // baseline by more than 0.01 somewhere (accuracy moves in steps of 1/300)
    CliRun other =
        CliRun.of(
            "run",
            file.toString(),
            "--out",
            dir.resolve("third").toString(),
            "--seed",
            "43",
            "--baseline",
            first.resolve("report.json").toString(),
            "--quiet");
    assertThat(other.code()).as(other.out() + other.err()).isEqualTo(1);
    assertThat(other.out()).contains("FAILED accuracy drop vs baseline <= 0.01", "seed:     43");
  }
}
