package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged model files and wrong world specs: exit 2 with the place inside the file. */
class ModelAndWorldErrorsTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void saveAModel() {
    model = dir.resolve("copula.json");
    CliRun fit =
        CliRun.of(
            "generate",
            "--fit",
            DATA.resolve("iris.csv").toString(),
            "--save-model",
            model.toString(),
            "--quiet");
    assertThat(fit.code()).as(fit.err()).isZero();
  }

  private CliRun generate(String option, Path file) {
    return CliRun.of(
        "generate",
        option,
        file.toString(),
        "--rows",
        "5",
        "--out",
        dir.resolve("o.csv").toString());
  }

  /** A user error: exit 2, one message, no Java in it. */
  private static CliRun userError(CliRun r) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .doesNotContain("internal error", "Exception", "dev.gauntlet", "[Source", "\tat ");
    return r;
  }

  private Path edited(ObjectNodeEdit edit) throws IOException {
    ObjectNode root = (ObjectNode) JSON.readTree(model.toFile());
    edit.apply(root);
    Path file = dir.resolve("edited.json");
    JSON.writeValue(file.toFile(), root);
    return file;
  }

  private interface ObjectNodeEdit {
    void apply(ObjectNode root);
  }

  @Test
  void aModelWithoutItsStateNamesTheFile() throws IOException {
    CliRun noState = userError(generate("--model", edited(r -> r.remove("state"))));
    assertThat(noState.err())
        .contains("edited.json (state)", "nothing (the key is missing)", "--save-model");

    CliRun empty = userError(generate("--model", edited(r -> r.putObject("state"))));
    assertThat(empty.err()).contains("edited.json (state) at state.schema");
  }

  @Test
  void anEditedValueNamesItsPath() throws IOException {
    CliRun r =
        userError(
            generate(
                "--model",
                edited(
                    r1 ->
                        ((ObjectNode) r1.get("state").get("columns").get(1))
                            .put("missingRate", 7))));
    assertThat(r.err())
        .contains(
            "edited.json (state) at state.columns[1].missingRate",
            "found:    7",
            "expected: a share from 0 to 1");
  }

  @Test
  void aRenamedGeneratorAndATruncatedFileSayWhatHappened() throws IOException {
    CliRun renamed = userError(generate("--model", edited(r -> r.put("generator", "vae"))));
    assertThat(renamed.err())
        .contains(
            "edited.json (generator)",
            "generator \"vae\", which the state does not match",
            "set \"generator\" back to \"gaussian-copula\"");

    String text = Files.readString(model);
    Path cut = Files.writeString(dir.resolve("cut.json"), text.substring(0, text.length() / 3));
    CliRun truncated = userError(generate("--model", cut));
    assertThat(truncated.err())
        .containsPattern("cut\\.json:\\d+:\\d+")
        .contains("text that ends in the middle of the JSON", "damaged or truncated")
        .doesNotContain("not the data");

    CliRun csv = userError(generate("--model", DATA.resolve("iris.csv")));
    assertThat(csv.err()).contains("give the model file, not the data");
  }

  @Test
  void worldSpecErrorsNameThePathWithoutJava() throws IOException {
    Path spec = Path.of("..", "..", "examples", "worlds", "customers.json");
    ObjectNode root = (ObjectNode) JSON.readTree(spec.toFile());
    ((ObjectNode) root.get("columns").get(0).get("distribution")).put("family", "gaussian");
    Path typo = dir.resolve("typo.json");
    JSON.writeValue(typo.toFile(), root);
    CliRun family = userError(generate("--world", typo));
    assertThat(family.err())
        .contains("at columns[0].distribution.family", "\"gaussian\"", "log-normal")
        .doesNotContain("Distribution", "ignorable");

    root = (ObjectNode) JSON.readTree(spec.toFile());
    ((ObjectNode) root.get("label").get("weights")).put("region=east", 0.5);
    Path east = dir.resolve("east.json");
    JSON.writeValue(east.toFile(), root);
    assertThat(userError(generate("--world", east)).err())
        .contains(
            "east.json at label.weights.\"region=east\"",
            "\"east\", which is not a level of \"region\"");

    root = (ObjectNode) JSON.readTree(spec.toFile());
    ((ObjectNode) root.get("columns").get(2)).putArray("probabilities").add(0.3).add(0.3);
    Path sum = dir.resolve("sum.json");
    JSON.writeValue(sum.toFile(), root);
    assertThat(userError(generate("--world", sum)).err())
        .contains("sum.json at columns[2].probabilities", "probabilities that sum to 0.6");

    assertThat(userError(generate("--world", model)).err())
        .contains("a saved model of generator \"gaussian-copula\"", "--model")
        .doesNotContain("coll");
  }
}
