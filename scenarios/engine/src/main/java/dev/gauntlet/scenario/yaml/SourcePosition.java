package dev.gauntlet.scenario.yaml;

import java.util.Objects;

/**
 * A place in a scenario file, as a user's editor counts it: 1-based line and column.
 *
 * @param file the file as the user named it (not resolved to an absolute path)
 * @param line 1-based line
 * @param column 1-based column, in characters
 */
public record SourcePosition(String file, int line, int column) {
  public SourcePosition {
    Objects.requireNonNull(file, "file");
    if (line < 1) {
      throw new IllegalArgumentException("line is not >= 1: " + line);
    }
    if (column < 1) {
      throw new IllegalArgumentException("column is not >= 1: " + column);
    }
  }

  /** The place {@code offset} characters further on the same line. */
  public SourcePosition plusColumns(int offset) {
    return new SourcePosition(file, line, column + offset);
  }

  /** {@code file:line:column}, the form editors and compilers print. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
