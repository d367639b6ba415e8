package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

  /**
   * Every command's help renders without picocli warnings (an unescaped % in a description makes
   * one) and within the usage width, so no description line is broken in the middle.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"inspect", "compare", "evaluate", "generate", "perturb", "metrics", "run"})
  void helpIsCleanAndFitsTheWidth(String command) {
    // picocli's own warnings go to System.err, not to the command's error writer
    PrintStream saved = System.err;
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    CliRun r;
    try {
      System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
      r = CliRun.of(command, "--help");
    } finally {
      System.setErr(saved);
    }
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(r.out().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(GauntletCli.USAGE_WIDTH));
  }

  /** The top-level list shows each command's one-line header, a whole sentence. */
  @Test
  void commandListShowsWholeSentences() {
    CliRun r = CliRun.of("--help");
    assertThat(r.code()).isZero();
    String list = r.out().substring(r.out().indexOf("Commands:"), r.out().indexOf("Exit codes:"));
    assertThat(list.lines().skip(1).filter(line -> !line.isBlank()))
        .hasSize(11)
        .allSatisfy(line -> assertThat(line.strip()).endsWith("."));
  }
}
