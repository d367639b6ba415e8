package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectCommandTest {
  /** The example datasets, shipped in the examples module (surefire runs in this module). */
  private static final Path DATA = Path.of("..", "..", "examples", "data");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /**
   * Every example dataset reads with the types the CSV rule gives (a column is numeric when every
   * non-empty value is a number, so 0/1-coded columns and integer targets are numeric) and with the
   * missing counts of the datasets' manifest.
   */
  @ParameterizedTest
  @CsvSource({
    "iris.csv, 150, 4, 1",
    "wine.csv, 178, 14, 0",
    "breast_cancer.csv, 569, 31, 0",
    "penguins.csv, 344, 5, 3",
    "credit_g.csv, 1000, 7, 14",
    "telco_churn.csv, 7043, 9, 11"
  })
  void inspectsEveryExampleDataset(String file, int rows, int numeric, int categorical)
      throws IOException {
    CliRun r = run("inspect", DATA.resolve(file).toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.get("rows").asInt()).isEqualTo(rows);

    JsonNode manifest =
        JSON.readTree(DATA.resolve("manifest.json").toFile()).get(file.replace(".csv", ""));
    Map<String, Integer> types = new HashMap<>();
    for (JsonNode col : root.get("columns")) {
      String name = col.get("name").asText();
      types.merge(col.get("type").asText(), 1, Integer::sum);
      assertThat(col.get("missing").asInt())
          .as("missing count of %s in %s", name, file)
          .isEqualTo(manifest.get("columns").get(name).get("missing").asInt());
    }
    assertThat(types.getOrDefault("numeric", 0)).isEqualTo(numeric);
    assertThat(types.getOrDefault("categorical", 0)).isEqualTo(categorical);
  }

  @Test
  void printsATableWithLevelsAndRanges() {
    CliRun r = run("inspect", DATA.resolve("credit_g.csv").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("1000 rows, 21 columns")
        .containsPattern("duration\\s+numeric\\s+feature\\s+0\\s+min 4, mean 20.9, max 72")
        .containsPattern("class\\s+categorical\\s+feature\\s+0\\s+2 levels: good \\(700\\)");
  }

  @Test
  void forcedTypesAndLabelShowInTheSchema() throws IOException {
    Path csv = write("flag,y\n0,a\n1,NA\n,b\n");
    CliRun r = run("inspect", csv.toString(), "--categorical", "flag", "--label", "y", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode cols = JSON.readTree(r.out()).get("columns");
    assertThat(cols.get(0).get("type").asText()).isEqualTo("categorical");
    assertThat(cols.get(0).get("missing").asInt()).isEqualTo(1);
    assertThat(cols.get(1).get("role").asText()).isEqualTo("label");
    assertThat(cols.get(1).get("levels").has("NA")).isTrue();
  }

  @Test
  void raggedRowIsAUserErrorWithLineAndNoStackTrace() throws IOException {
    Path csv = write("a,b\n1,2\n3\n");
    CliRun r = run("inspect", csv.toString());
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(csv + ":3")
        .contains("found:    a row of 1 field")
        .contains("expected: 2 fields")
        .contains("fix:")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void verbosePrintsTheStackTrace() throws IOException {
    Path csv = write("a,b\n1,2\n3\n");
    CliRun r = run("inspect", csv.toString(), "--verbose");
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err()).contains("UserInputException").contains("\tat ");
  }

  @Test
  void unknownForcedColumnListsTheHeader() throws IOException {
    Path csv = write("age,income\n1,2\n");
    CliRun r = run("inspect", csv.toString(), "--numeric", "ages");
    assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(r.err()).contains("\"ages\"").contains("one of [age, income]");
  }

  @Test
  void aColumnForcedToBothTypesIsRefusedByEveryCommandThatReadsTypes() throws IOException {
    String csv = write("flag,y\n0,a\n1,b\n").toString();
    String out = dir.resolve("out.csv").toString();
    String[][] runs = {
      {"inspect", csv, "--numeric", "flag", "--categorical", "y,flag"},
      {"compare", csv, csv, "--categorical", "flag", "--numeric", "flag"},
      {
        "perturb",
        csv,
        "--apply",
        "gaussian-noise",
        "--categorical",
        "flag",
        "--numeric",
        "flag",
        "--out",
        out
      }
    };
    for (String[] args : runs) {
      CliRun r = run(args);
      assertThat(r.code()).as(args[0] + ": " + r.err()).isEqualTo(GauntletCli.USER_ERROR);
      assertThat(r.err())
          .as(args[0])
          .startsWith("--numeric flag and --categorical flag")
          .contains("one column forced to both types");
      assertThat(r.out()).isEmpty();
    }
    assertThat(Path.of(out)).doesNotExist();
    assertThat(run("inspect", csv, "--numeric", "flag", "--categorical", "y").code()).isZero();
  }

  @Test
  void aValueOfTheWrongTypeIsAUserErrorInTheUsualShape() {
    String csv = DATA.resolve("iris.csv").toString();
    CliRun seed = run("generate", "--fit", csv, "--seed", "abc", "--rows", "5", "--out", "o.csv");
    CliRun maxRows = run("compare", csv, csv, "--max-rows", "99999999999");
    CliRun severity = run("perturb", csv, "--apply", "gaussian-noise", "--severity", "high");

    String nl = System.lineSeparator();
    assertThat(seed.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(seed.err())
        .isEqualTo(
            "--seed"
                + nl
                + "  found:    \"abc\""
                + nl
                + "  expected: a whole number (64-bit)"
                + nl
                + "  fix:      see gauntlet generate --help"
                + nl);
    assertThat(maxRows.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(maxRows.err())
        .startsWith("--max-rows" + nl)
        .contains("\"99999999999\"", "at most 2147483647", "see gauntlet compare --help");
    assertThat(severity.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(severity.err()).startsWith("--severity" + nl).contains("expected: a number");
    CliRun unknown = run("inspect", csv, "--jsno");
    assertThat(unknown.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(unknown.err()).contains("Unknown option: '--jsno'", "--json");
  }

  @Test
  void missingFileAndUnknownCommandAreUserErrors() {
    assertThat(run("inspect", dir.resolve("none.csv").toString()).code())
        .isEqualTo(GauntletCli.USER_ERROR);
    CliRun typo = run("inspcet");
    assertThat(typo.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(typo.err()).contains("inspect");
  }

  @Test
  void versionAndHelp() {
    assertThat(run("--version").out()).startsWith("gauntlet ");
    CliRun help = run("--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("inspect").contains("Exit codes");
  }

  private Path write(String text) throws IOException {
    Path p = dir.resolve("data.csv");
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }
}
