package dev.gauntlet.expectations;

import java.util.Objects;

/**
 * What is wrong in an expectation's text, and where. The caller that knows where the text came from
 * (a YAML file's line and column) puts that in front: {@code credit.yaml:31:7 (expectations[2]) col
 * 14}.
 *
 * @param column 1-based column inside the text as given to the parser, before trimming (one past
 *     its last word for a missing part); a caller that read the text from column c of a file line
 *     finds it at column {@code c + column - 1} when the text is a plain one-line scalar
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
