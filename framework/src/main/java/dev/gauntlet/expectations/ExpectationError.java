package dev.gauntlet.expectations;

import java.util.Objects;

/**
 * What is wrong in an expectation's text, and where. The caller that knows where the text came from
 * (a YAML file's line and column) puts that in front: {@code credit.yaml:31:7 (expectations[2]) col
 * 14}.
 *
 * @param column 1-based column inside the expectation's text (one past its end for a missing part)
 * @param found what is there, quoted where it is the user's text
 * @param expected what would have been accepted, with a did-you-mean where one is close
 * @param fix how to resolve it
 */
public record ExpectationError(int column, String found, String expected, String fix) {
  public ExpectationError {
    if (column < 1) {
      throw new IllegalArgumentException("column is not positive: " + column);
    }
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(fix, "fix");
  }
}
