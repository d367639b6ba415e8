package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalProgressTest {

  @Test
  void withoutATerminalQuickTasksPrintOneLineWhenTheyEnd() {
    StringWriter err = new StringWriter();
    // surefire runs without a console, so this is the line mode CI sees
    TerminalProgress progress = TerminalProgress.of(new PrintWriter(err));
    for (int epoch = 1; epoch <= 300; epoch++) {
      progress.update("vae training", epoch, 300, "loss " + epoch);
    }
    for (long rows = 10_000; rows <= 50_000; rows += 10_000) {
      progress.update("generate", rows, 50_000, "");
    }
    assertThat(err.toString().lines())
        .containsExactly(
            "vae training: 300 of 300 (100%), loss 300", "generate: 50,000 of 50,000 (100%)");
  }
}
