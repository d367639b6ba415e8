package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of broken scenario files: each NAME.yaml in src/test/resources/broken-scenarios has
 * the exact message {@code gauntlet validate} must print in NAME.expected (position included), and
 * exits 2 without a stack trace. Files that should not be checked in (a folder, a file over the
 * size limit, a file that does not exist) are made here, with their messages in this class.
 */
class BrokenScenariosTest {
  /** Relative to the module folder, where Maven runs tests: messages show the path as given. */
  private static final Path CORPUS = Path.of("src/test/resources/broken-scenarios");

  private static final Path GENERATED = Path.of("target/broken-scenarios");

  static Stream<Arguments> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<Path> scenarios = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      return scenarios.stream()
          .map(p -> Arguments.of(p.getFileName().toString().replace(".yaml", ""), p));
    }
  }

  @Test
  void theCorpusHoldsAtLeastThirtyBrokenFilesEachWithItsMessage() throws IOException {
    List<Arguments> all = corpus().toList();
    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    for (Arguments a : all) {
      Path yaml = (Path) a.get()[1];
      assertThat(expectedFile(yaml)).as("message for " + yaml).exists();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachBrokenFileGetsItsExactMessageAndExit2(String name, Path yaml) throws IOException {
    String expected = Files.readString(expectedFile(yaml), StandardCharsets.UTF_8);

    CliRun run = CliRun.of("validate", yaml.toString());

    assertThat(run.code()).as(name + ": " + run.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(normalise(run.err())).isEqualTo(expected);
    assertThat(run.out()).isEmpty();
  }

  @BeforeAll
  static void makeGenerated() throws IOException {
    Files.createDirectories(GENERATED.resolve("a-folder.yaml"));
    Files.writeString(GENERATED.resolve("a-folder.yaml/inside.yaml"), "data: x.csv\n");
    // one byte over the 1 MiB limit, made here rather than checked in
    StringBuilder huge = new StringBuilder("data: iris.csv\ndescription: >\n");
    String line = "  " + "lorem ipsum ".repeat(8) + "\n";
    while (huge.length() <= (1 << 20)) {
      huge.append(line);
    }
    huge.setLength((1 << 20) + 1);
    Files.writeString(GENERATED.resolve("huge.yaml"), huge);
  }

  static Stream<Arguments> generated() {
    String folder = GENERATED.resolve("a-folder.yaml").toString();
    String huge = GENERATED.resolve("huge.yaml").toString();
    String missing = GENERATED.resolve("no-such-scenario.yaml").toString();
    return Stream.of(
        Arguments.of(
            folder,
            folder
                + "\n  found:    a folder"
                + "\n  expected: a scenario file (YAML)"
                + "\n  fix:      name a .yaml file inside the folder (it holds inside.yaml)\n"),
        Arguments.of(
            huge,
            huge
                + "\n  found:    a file of 1048577 bytes"
                + "\n  expected: at most 1048576 bytes for a scenario"
                + "\n  fix:      keep the rows in a CSV or world file that the scenario names, not"
                + " in the scenario\n"),
        Arguments.of(
            missing,
            missing
                + "\n  found:    no file at this path"
                + "\n  expected: a scenario file (YAML)"
                + "\n  fix:      check the name; a relative path starts in the current folder\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  void generatedBrokenFilesGetTheirExactMessageAndExit2(String file, String expected) {
    CliRun run = CliRun.of("validate", file);

    assertThat(run.code()).as(run.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(normalise(run.err())).isEqualTo(expected);
  }

  @Test
  void aDeviceIsRefusedWithoutReadingIt() {
    Path device = Path.of("/dev/zero"); // endless: reading it would never finish
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "a system with /dev/zero");

    CliRun run = CliRun.of("validate", device.toString());

    assertThat(run.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(normalise(run.err()))
        .isEqualTo(
            "/dev/zero\n  found:    a special file (a device or a pipe)"
                + "\n  expected: a scenario file (YAML)"
                + "\n  fix:      name a regular .yaml file\n");
  }

  @Test
  void aColumnOnlyTheRowsCanRefuseIsPlacedAtItsParameterWithADidYouMean() throws IOException {
    // Failed before: validate cannot know the CSV's columns, and the run's message named only
    // "covariate-shift: column", with no file, line or variant, and no suggestion.
    Path yaml = GENERATED.resolve("unknown-column.yaml");
    Files.copy(
        CORPUS.resolve("iris.csv"),
        GENERATED.resolve("iris.csv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        yaml,
        "data: iris.csv\n"
            + "variants:\n"
            + "  - name: wider\n"
            + "    kind: covariate-shift\n"
            + "    params: {column: sepal_widht_cm}\n");
    Path out = GENERATED.resolve("unknown-column-out");

    CliRun run = CliRun.of("run", yaml.toString(), "--out", out.toString(), "--quiet");

    assertThat(run.code()).as(run.err()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(normalise(run.err()))
        .isEqualTo(
            yaml
                + ":5:22 (variants[0].params.column) covariate-shift: column"
                + "\n  found:    no column \"sepal_widht_cm\""
                + "\n  expected: one of [sepal_length_cm, sepal_width_cm, petal_length_cm,"
                + " petal_width_cm, species]"
                + "\n  fix:      did you mean sepal_width_cm? (names are case-sensitive)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aValidScenarioExitsZeroAndSaysWhatItHolds() {
    CliRun run = CliRun.of("validate", "../../examples/scenarios/scarce-data-synthetic.yaml");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "../../examples/scenarios/scarce-data-synthetic.yaml: valid scenario"
                + " \"scarce-data-synthetic\" (1 variant, 6 expectations)\n");
  }

  @Test
  void theSchemaCommandPrintsTheCheckedInSchema() throws IOException {
    CliRun run = CliRun.of("schema");

    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo(Files.readString(Path.of("../../docs/scenario.schema.json")));
  }

  @Test
  void aStackTraceOnlyWithVerbose() {
    Path yaml = CORPUS.resolve("unknown-top-key.yaml");

    CliRun quiet = CliRun.of("validate", yaml.toString());
    CliRun verbose = CliRun.of("validate", "--verbose", yaml.toString());

    assertThat(quiet.err()).doesNotContain("\tat ");
    assertThat(verbose.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(verbose.err()).startsWith(quiet.err().strip()).contains("\tat dev.gauntlet.");
  }

  private static Path expectedFile(Path yaml) {
    return yaml.resolveSibling(yaml.getFileName().toString().replace(".yaml", ".expected"));
  }

  /** Line ends as the .expected files have them, on any platform. */
  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }
}
