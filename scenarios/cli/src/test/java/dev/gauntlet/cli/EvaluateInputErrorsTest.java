package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Predictions evaluate cannot measure: a message at the row and column, exit 2. */
class EvaluateInputErrorsTest {
  @TempDir Path dir;

  private CliRun evaluate(String csv) throws IOException {
    Path file = Files.writeString(dir.resolve("p.csv"), csv);
    return CliRun.of("evaluate", "--predictions", file.toString());
  }

  @Test
  void rowsWhoseProbabilitiesDoNotSumToOneAreRefused() throws IOException {
    CliRun r = evaluate("y_true,p_a,p_b,p_c\na,0.8,0.1,0.1\nb,0.9,0.9,0.9\nc,0.2,0.2,0.6\n");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "p.csv:3 (columns p_a, p_b, p_c)",
            "found:    probabilities that sum to 2.7",
            "sum to 1 (within 0.01)");
    assertThat(r.out()).isEmpty();

    CliRun low = evaluate("y_true,p_a,p_b\na,0.3,0.3\nb,0.5,0.5\n");
    assertThat(low.code()).isEqualTo(2);
    assertThat(low.err()).contains("p.csv:2", "sum to 0.6");
  }

  @Test
  void roundingWithinTheToleranceIsAccepted() throws IOException {
    CliRun r =
        evaluate("y_true,p_a,p_b,p_c\na,0.333,0.333,0.333\nb,0.1,0.8,0.1\nc,0.2,0.2,0.605\n");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("3 rows");
  }

  @Test
  void aValueThatIsNotAProbabilitySaysSoWithoutCsvReadingAdvice() throws IOException {
    CliRun nan = evaluate("y_true,p_a,p_b\na,0.5,0.5\nb,NaN,0.5\n");
    assertThat(nan.code()).isEqualTo(2);
    assertThat(nan.err())
        .contains(
            "p.csv:3 (column \"p_a\")",
            "found:    \"NaN\"",
            "expected: a probability within [0, 1]",
            "probability of class \"a\"");

    CliRun text = evaluate("y_true,p_a,p_b\na,abc,0.5\n");
    assertThat(text.err()).contains("p.csv:2 (column \"p_a\")", "found:    \"abc\"");

    CliRun comma = evaluate("y_true,p_a,p_b\na,0.5,\"1,5\"\n");
    assertThat(comma.err())
        .contains("(column \"p_b\")", "found:    \"1,5\"", "write decimals with a point: 1.5");

    CliRun above = evaluate("y_true,p_a,p_b\na,1.5,-0.5\n");
    assertThat(above.err()).contains("found:    \"1.5\"");

    for (CliRun r : new CliRun[] {nan, text, comma, above}) {
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).doesNotContain("forced", "categorical", "Exception");
    }
  }
}
