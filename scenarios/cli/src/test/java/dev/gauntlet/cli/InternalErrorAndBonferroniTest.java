package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit-3 path of a failure that is not the user's, and --bonferroni from the command line. */
class InternalErrorAndBonferroniTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Stdout that breaks when the command prints its result: a failure no user input causes. */
  private static CliRun runWithBrokenStdout(String... args) {
    StringWriter err = new StringWriter();
    PrintWriter brokenOut =
        new PrintWriter(new StringWriter()) {
          @Override
          public void println(String line) {
            throw new IllegalStateException("stdout broke (injected)");
          }
        };
    int code = GauntletCli.execute(args, brokenOut, new PrintWriter(err));
    return new CliRun(code, "", err.toString());
  }

  @Test
  void anInternalErrorExits3AndAsksForABugReportWithoutATrace() {
    CliRun r = runWithBrokenStdout("inspect", DATA.resolve("iris.csv").toString(), "--json");
    assertThat(r.code()).isEqualTo(GauntletCli.INTERNAL_ERROR).isEqualTo(3);
    assertThat(r.err())
        .contains("gauntlet: internal error: java.lang.IllegalStateException: stdout broke")
        .contains("This is a bug in Gauntlet. Rerun with --verbose and report the output.")
        .doesNotContain("\tat ")
        .doesNotContain("stack trace");
  }

  @Test
  void verbosePrintsTheTraceOfAnInternalErrorOnce() {
    CliRun r =
        runWithBrokenStdout("inspect", DATA.resolve("iris.csv").toString(), "--json", "--verbose");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err())
        .contains("gauntlet: internal error: java.lang.IllegalStateException: stdout broke")
        .contains("stack trace (java.lang.IllegalStateException):")
        .contains("\tat dev.gauntlet.cli.")
        .doesNotContain("This is a bug in Gauntlet");
    // the message is printed once, not again as the trace's first line
    assertThat(r.err().split("stdout broke", -1)).hasSize(2);
  }

  @Test
  void bonferroniOnTheCommandLineDividesThePValueThresholdByTheColumns() throws IOException {
    // sepal length shifted by 0.3 cm (written to 1 decimal, as iris is): scipy's ks_2samp gives p =
    // 0.0308 against iris, drift at
    // 0.05 but not at 0.05 / 5 = 0.01 (5 columns), so the flag flips the verdict
    Path real = DATA.resolve("iris.csv");
    Path shifted = dir.resolve("iris_shifted.csv");
    List<String> lines = Files.readAllLines(real);
    List<String> out = new ArrayList<>(List.of(lines.get(0)));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", 2);
      double length = Double.parseDouble(cells[0]) + 0.3;
      out.add(String.format(Locale.ROOT, "%.1f,%s", length, cells[1]));
    }
    Files.write(shifted, out);

    JsonNode plain = drift(real, shifted);
    JsonNode corrected = drift(real, shifted, "--bonferroni");
    JsonNode plainSepal = plain.get("columns").get("sepal_length_cm");
    JsonNode correctedSepal = corrected.get("columns").get("sepal_length_cm");
    assertThat(plainSepal.get("test").asText()).isEqualTo("ks");
    assertThat(plainSepal.get("p_value").asDouble())
        .isCloseTo(0.030838962462201636, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(plainSepal.get("threshold").asDouble()).isEqualTo(0.05);
    assertThat(correctedSepal.get("threshold").asDouble()).isEqualTo(0.01);
    assertThat(plainSepal.get("drifted").asBoolean()).isTrue();
    assertThat(correctedSepal.get("drifted").asBoolean()).isFalse();
    assertThat(plain.get("drifted_share").asDouble()).isEqualTo(0.2);
    assertThat(corrected.get("drifted_share").asDouble()).isZero();
  }

  private static JsonNode drift(Path real, Path current, String... extra) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "compare",
                real.toString(),
                current.toString(),
                "--json",
                "--quiet",
                "--max-rows",
                "150"));
    args.addAll(List.of(extra));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    // the drift section, with the catalogue's drifted_share beside it
    ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("drift"))
        .set("drifted_share", root.get("drifted_share"));
    return root.get("drift");
  }
}
