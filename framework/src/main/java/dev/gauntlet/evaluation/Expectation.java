package dev.gauntlet.evaluation;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound on a metric, read as the user writes it: {@code accuracy >= 0.8}.
 *
 * @param metric the metric id, e.g. {@code accuracy}
 * @param operator one of {@code >=}, {@code >}, {@code <=}, {@code <}
 * @param bound the threshold
 */
public record Expectation(String metric, String operator, double bound) {
  private static final Pattern FORM =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_ -]*?)\\s*(>=|<=|>|<)\\s*(\\S+)\\s*");

  public Expectation {
    Objects.requireNonNull(metric, "metric");
    if (!java.util.List.of(">=", ">", "<=", "<").contains(operator)) {
      throw new IllegalArgumentException("operator is not one of >=, >, <=, <: " + operator);
    }
    if (Double.isNaN(bound)) {
      throw new IllegalArgumentException("bound is NaN");
    }
  }

  /** Parses {@code metric OP number}; anything else is a user error. */
  public static Expectation parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (m.matches()) {
      try {
        return new Expectation(m.group(1), m.group(2), Double.parseDouble(m.group(3)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new UserInputException(
        "expectation " + quote(text),
        "not of the form metric OP number",
        "for example accuracy >= 0.8 (OP is >=, >, <= or <)",
        "write the metric, a comparison and a number");
  }

  /** Whether a measured value meets the bound; NaN never does. */
  public boolean holds(double value) {
    return switch (operator) {
      case ">=" -> value >= bound;
      case ">" -> value > bound;
      case "<=" -> value <= bound;
      default -> value < bound;
    };
  }

  @Override
  public String toString() {
    return metric + " " + operator + " " + bound;
  }
}
