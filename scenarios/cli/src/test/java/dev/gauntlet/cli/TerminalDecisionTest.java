package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.cli.TerminalProgress.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** When progress draws a bar: the decision with the JDK's answers injected. */
class TerminalDecisionTest {

  @Test
  void beforeJdk22AConsoleMeansATerminal() {
    assertThat(TerminalProgress.interactive(new Terminal(true, null), "xterm")).isTrue();
    assertThat(TerminalProgress.interactive(new Terminal(false, null), "xterm")).isFalse();
  }

  @Test
  void fromJdk22AConsoleThatIsNotATerminalDrawsNoBar() {
    // JDK 22-24: JLine's console exists with stderr redirected to a CI log
    assertThat(TerminalProgress.interactive(new Terminal(true, false), "xterm")).isFalse();
    assertThat(TerminalProgress.interactive(new Terminal(true, true), "xterm")).isTrue();
  }

  @Test
  void aDumbOrMissingTermDrawsNoBar() {
    Terminal terminal = new Terminal(true, true);
    assertThat(TerminalProgress.interactive(terminal, "dumb")).isFalse();
    assertThat(TerminalProgress.interactive(terminal, null)).isFalse();
    assertThat(TerminalProgress.interactive(terminal, "")).isFalse();
  }

  @Test
  void theRunningJdkAnswersIsTerminalFrom22On() {
    Terminal probed = Terminal.probe();
    // surefire's forked JVM has no terminal, on every JDK: CI logs get lines, not bars
    assertThat(probed.attached()).isFalse();
    assertThat(TerminalProgress.interactive(probed, "xterm-256color")).isFalse();
    if (probed.consolePresent()) {
      assertThat(probed.isTerminal() != null).isEqualTo(Runtime.version().feature() >= 22);
    } else {
      assertThat(probed.isTerminal()).isNull();
    }
  }

  @Test
  void aBarLeavesTheLineWriterAlone() {
    StringWriter err = new StringWriter();
    TerminalProgress progress = TerminalProgress.of(new PrintWriter(err), true);
    for (int step = 1; step <= 3; step++) {
      progress.update("generate", step, 3, "");
    }
    assertThat(err.toString()).isEmpty();

    TerminalProgress lines = TerminalProgress.of(new PrintWriter(err), false);
    lines.update("generate", 3, 3, "");
    assertThat(err.toString()).isEqualTo(String.format("generate: 3 of 3 (100%%)%n"));
  }
}
