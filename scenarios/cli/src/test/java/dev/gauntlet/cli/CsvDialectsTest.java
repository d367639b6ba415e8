package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How every command reads real CSV files: delimiters, empty files, dates, warnings, memory. */
class CsvDialectsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static CliRun run(Object... args) {
    String[] s = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      s[i] = args[i].toString();
    }
    return CliRun.of(s);
  }

  /** A table of {@code rows} rows with a date, two numbers and a category, all seeded by i. */
  private static String datedTable(int rows) {
    StringBuilder b = new StringBuilder("day,temp,rain,sky\n");
    LocalDate start = LocalDate.of(2020, 1, 1);
    for (int i = 0; i < rows; i++) {
      b.append(start.plusDays(i))
          .append(',')
          .append(10 + (i * 37 % 23))
          .append(',')
          .append((i * 13 % 7) / 2.0)
          .append(',')
          .append(i % 3 == 0 ? "sun" : "cloud")
          .append('\n');
    }
    return b.toString();
  }

  @Test
  void aHeaderWithoutRowsIsTheSameUserErrorInEveryCommand() throws IOException {
    Path empty = write("empty.csv", "a,b\n");
    Path predictions = write("pred.csv", "y_true,p_x,p_y\n");
    Path out = dir.resolve("out.csv");

    List<CliRun> runs = new ArrayList<>();
    runs.add(run("inspect", empty));
    runs.add(run("compare", empty, empty, "--quiet"));
    runs.add(run("perturb", empty, "--apply", "gaussian-noise", "--out", out));
    runs.add(run("generate", "--fit", empty, "--rows", "5", "--out", out, "--quiet"));
    runs.add(run("evaluate", "--predictions", predictions));

    for (CliRun r : runs) {
      assertThat(r.code()).as(r.err()).isEqualTo(GauntletCli.USER_ERROR);
      assertThat(r.err()).contains("found:    a header and no rows").doesNotContain("\tat ");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void aSemicolonFileIsReadInColumnsAndSaysSoOnStderr() throws IOException {
    Path f = write("semi.csv", "a;b;c\n1,5;x;2\n2,5;y;3\n");

    CliRun r = run("inspect", f, "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(JSON.readTree(r.out()).get("columns")).hasSize(3);
    assertThat(r.err()).contains("fields separated by ';' (semicolon)");
  }

  @Test
  void delimiterForcesOneOnEveryCommandThatReadsCsv() throws IOException {
    Path f = write("semi.csv", "a;b\n1;2\n3;4\n");
    Path out = dir.resolve("out.csv");

    CliRun inspect = run("inspect", f, "--json", "--delimiter", ",");
    CliRun perturb =
        run("perturb", f, "--apply", "gaussian-noise", "--out", out, "--delimiter", "tab");
    CliRun bad = run("inspect", f, "--delimiter", ";;");

    assertThat(JSON.readTree(inspect.out()).get("columns")).hasSize(1);
    assertThat(inspect.err()).isEmpty();
    assertThat(perturb.code()).as(perturb.err()).isZero();
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("a;b");
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.err()).contains("--delimiter").contains("not one character");
    for (String command : List.of("inspect", "compare", "perturb", "generate", "evaluate")) {
      assertThat(run(command, "--help").out()).as(command).contains("--delimiter");
    }
  }

  @Test
  void perturbWritesASemicolonFileBackInColumns() throws IOException {
    Path f = write("semi.csv", "a;b\n1;x\n2;y\n3;x\n");
    Path out = dir.resolve("out.csv");

    CliRun r = run("perturb", f, "--apply", "gaussian-noise:scale=0.1", "--out", out);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out).get(0)).isEqualTo("a,b");
  }

  @Test
  void aNearlyNumericColumnIsNamedWithItsNonNumbersOnStderr() throws IOException {
    StringBuilder b = new StringBuilder("annual_inc,grade\n");
    for (int i = 0; i < 500; i++) {
      b.append(i == 200 ? "N/A" : Integer.toString(30_000 + 17 * i)).append(",A\n");
    }
    Path f = write("loans.csv", b.toString());

    CliRun r = run("inspect", f);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .contains(
            "annual_inc: 1 value of 500 is not a number: \"N/A\" at line 202; --numeric"
                + " annual_inc reads it as missing");
    CliRun forced = run("inspect", f, "--numeric", "annual_inc", "--json");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(JSON.readTree(forced.out()).get("columns").get(0).get("missing").asInt())
        .isEqualTo(1);
  }

  @Test
  void aHeaderNameWithSpacesIsExplainedNotCalledALetterCaseProblem() throws IOException {
    Path f = write("spaced.csv", "a, b\n1,2\n3,4\n");

    for (CliRun r :
        List.of(run("inspect", f, "--label", "b"), run("compare", f, f, "--label", "b"))) {
      assertThat(r.code()).isEqualTo(GauntletCli.USER_ERROR);
      assertThat(r.err())
          .contains("\" b\", with spaces around the name")
          .doesNotContain("case-sensitive")
          .doesNotContain("[a,  b]");
    }
  }

  @Test
  void inspectShowsADateColumnWithItsFirstAndLastDate() throws IOException {
    Path f = write("weather.csv", datedTable(60));

    CliRun text = run("inspect", f);
    CliRun json = run("inspect", f, "--json");

    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out())
        .containsPattern("day +datetime +feature +0 +min 2020-01-01, max 2020-02-29");
    JsonNode day = JSON.readTree(json.out()).get("columns").get(0);
    assertThat(day.get("type").asText()).isEqualTo("datetime");
    assertThat(day.get("min").asText()).isEqualTo("2020-01-01");
    assertThat(day.get("max").asText()).isEqualTo("2020-02-29");
    assertThat(day.get("format").asText()).isEqualTo("YYYY-MM-DD");
  }

  @Test
  void statisticalGeneratorsWriteDateColumnsAsDatesWithinTheFittedRange() throws IOException {
    Path f = write("weather.csv", datedTable(200));
    for (String generator : List.of("independent", "gaussian-copula")) {
      Path out = dir.resolve(generator + ".csv");
      Path model = dir.resolve(generator + ".json");
      Path again = dir.resolve(generator + "-again.csv");

      CliRun fit =
          run(
              "generate",
              "--fit",
              f,
              "--generator",
              generator,
              "--rows",
              "300",
              "--seed",
              "4",
              "--out",
              out,
              "--save-model",
              model,
              "--quiet");
      CliRun reuse =
          run(
              "generate",
              "--model",
              model,
              "--rows",
              "300",
              "--seed",
              "4",
              "--out",
              again,
              "--quiet");

      assertThat(fit.code()).as(fit.err()).isZero();
      assertThat(reuse.code()).as(reuse.err()).isZero();
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).hasSize(301);
      for (String line : lines.subList(1, lines.size())) {
        String day = line.substring(0, line.indexOf(','));
        assertThat(day).as(generator).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(LocalDate.parse(day))
            .as(generator)
            .isBetween(LocalDate.of(2019, 12, 1), LocalDate.of(2020, 8, 31));
      }
      assertThat(Files.readAllLines(again))
          .as("the saved model keeps the date format")
          .isEqualTo(lines);
      CliRun inspect = run("inspect", out, "--json");
      assertThat(JSON.readTree(inspect.out()).get("columns").get(0).get("type").asText())
          .isEqualTo("datetime");
    }
  }

  @Test
  void compareMeasuresADateColumnAsNumbers() throws IOException {
    Path real = write("real.csv", datedTable(200));
    Path same = write("same.csv", datedTable(200));

    CliRun r = run("compare", real, same, "--json", "--quiet", "--label", "sky");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode day = JSON.readTree(r.out()).get("columns").get("day");
    // compared by KS like a numeric column (as SDMetrics does for datetimes); identical: D = 0
    assertThat(day.get("ks_statistic").asDouble()).isZero();
    assertThat(day.has("levels")).isFalse();
  }

  @Test
  void perturbingADateColumnKeepsItADateColumn() throws IOException {
    Path f = write("weather.csv", datedTable(100));
    Path out = dir.resolve("out.csv");

    CliRun r =
        run(
            "perturb",
            f,
            "--apply",
            "gaussian-noise:scale=0.5,columns=day",
            "--seed",
            "2",
            "--out",
            out);

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    List<String> before = Files.readAllLines(f);
    int changed = 0;
    for (int i = 1; i < lines.size(); i++) {
      String day = lines.get(i).substring(0, 10);
      assertThat(day).matches("\\d{4}-\\d{2}-\\d{2}");
      changed += day.equals(before.get(i).substring(0, 10)) ? 0 : 1;
    }
    assertThat(changed).isPositive();
  }

  @Test
  void runningOutOfMemoryIsOneMessageWithExitThree() throws Exception {
    // 300,000 rows of 4 numbers do not fit a 16 MB heap
    StringBuilder b = new StringBuilder("a,b,c,d\n");
    for (int i = 0; i < 300_000; i++) {
      b.append(i).append(',').append(i % 97).append(".5,").append(i * 3).append(",7\n");
    }
    Path f = write("big.csv", b.toString());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx16m",
                "-cp",
                System.getProperty("java.class.path"),
                GauntletCli.class.getName(),
                "inspect",
                f.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isEqualTo(GauntletCli.INTERNAL_ERROR);
    assertThat(output)
        .contains("out of memory")
        .contains("at most 16 MB")
        .contains("GAUNTLET_JAVA_OPTS=-Xmx")
        .doesNotContain("\tat ")
        .doesNotContain("Exception in thread");
  }
}
