package dev.gauntlet.expectations;

import dev.gauntlet.UserInputException;
import java.util.Objects;

/**
 * An expectation that does not parse, or names a metric, variant or severity that does not exist.
 * An {@link IllegalArgumentException} for Java callers; {@link #toUserInput(String)} turns it into
 * the user error the CLI prints, with the caller's place in front.
 */
public final class ExpectationSyntaxException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final transient ExpectationError error;

  public ExpectationSyntaxException(String text, ExpectationError error) {
    super(
        "expectation "
            + UserInputException.quote(text)
            + " col "
            + error.column()
            + ": found "
            + error.found()
            + ", expected "
            + error.expected());
    this.text = Objects.requireNonNull(text, "text");
    this.error = error;
  }

  /** The expectation's text as given. */
  public String text() {
    return text;
  }

  public ExpectationError error() {
    return error;
  }

  /**
   * The user error, placed: {@code where} is the expectation's own place, e.g. {@code
   * credit.yaml:31:7 (expectations[2])}; the column inside the text follows it.
   */
  public UserInputException toUserInput(String where) {
    return new UserInputException(
        where + " col " + error.column(), error.found(), error.expected(), error.fix(), this);
  }

  /** The user error placed by the expectation's own text: {@code expectation "..." col 14}. */
  public UserInputException toUserInput() {
    return toUserInput("expectation " + UserInputException.quote(text));
  }
}
