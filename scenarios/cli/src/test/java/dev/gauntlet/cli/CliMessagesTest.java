package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11's small things about messages. */
class CliMessagesTest {
  @TempDir Path dir;

  @Test
  void aMisspeltRequiredOptionIsReportedWithTheCloseNames() {
    CliRun r = CliRun.of("evaluate", "--prediction", "x.csv");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Unknown option", "'--prediction'", "--predictions");
    assertThat(r.err()).doesNotContain("Missing required option");
  }

  @Test
  void aMisspeltOptionOfAnyCommandIsReportedWithTheCloseNames() {
    CliRun r = CliRun.of("compare", "a.csv", "b.csv", "--bonferoni");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'--bonferoni'", "--bonferroni");
  }

  @Test
  void verbosePrintsTheMessageOnceThenTheStackTrace() {
    CliRun r = CliRun.of("compare", "--verbose", "nope.csv", "nope2.csv");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().split("found:", -1)).as(r.err()).hasSize(2);
    assertThat(r.err()).contains("stack trace (dev.gauntlet.UserInputException):", "\tat ");
  }

  @Test
  void aMissingLabelNamesTheFileAndRow() throws IOException {
    Path real =
        Files.writeString(dir.resolve("real.csv"), "x,released\n1,Yes\n2,No\n3,Yes\n4,No\n");
    Path synthetic =
        Files.writeString(dir.resolve("synthetic.csv"), "x,released\n1,Yes\n2,\n3,Yes\n4,No\n");

    CliRun r = CliRun.of("compare", real.toString(), synthetic.toString(), "--label", "released");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            synthetic + ", data row 2 (label column \"released\")",
            "a missing label (1 of 4 rows)");
  }
}
