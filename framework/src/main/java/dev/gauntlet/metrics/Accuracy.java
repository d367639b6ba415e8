package dev.gauntlet.metrics;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import java.util.Objects;

/**
 * Accuracy, the one definition behind every accuracy Gauntlet reports (cross-validation, robustness
 * sweeps, attacks, poisoning, utility, {@link ClassificationMetrics}, slices): the share of rows
 * whose predicted class, the model's most probable one (the first on ties), is the row's true
 * class. Classes are compared by name, a numeric label by its CSV text ({@code "1"}), as {@link
 * dev.gauntlet.model.Labels} reads it; a true class the model does not predict counts as wrong. NaN
 * for no rows.
 *
 * <p>A row without a true label is refused, the same way everywhere: a {@link UserInputException}
 * naming the label column, the first such row (counted from 1) and how many there are. Accuracy has
 * no answer for such a row; counting it wrong (as the attacks did) or dropping it silently would
 * each change the figure without saying so.
 */
public final class Accuracy {
  private Accuracy() {}

  /** The accuracy of {@code model} on {@code table} against its {@code label} column. */
  public static double of(Classifier model, Table table, String label) {
    return share(correct(model, table, label));
  }

  /** Whether the model's predicted class of each row is its label. */
  public static boolean[] correct(Classifier model, Table table, String label) {
    Objects.requireNonNull(model, "model");
    requireLabels(table, label);
    return correct(model.predict(table), table, label);
  }

  /**
   * Whether each predicted class name is the row's label.
   *
   * @param predicted one class name per row of {@code table}
   */
  public static boolean[] correct(String[] predicted, Table table, String label) {
    Column truth = requireLabels(table, label);
    if (predicted.length != truth.size()) {
      throw new IllegalArgumentException(
          predicted.length + " predictions for " + truth.size() + " rows");
    }
    boolean[] out = new boolean[predicted.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = predicted[r].equals(truth.format(r));
    }
    return out;
  }

  /** The share of true entries; NaN for none. */
  public static double share(boolean[] correct) {
    long hits = 0;
    for (boolean c : correct) {
      hits += c ? 1 : 0;
    }
    return share(hits, correct.length);
  }

  /** {@code hits / rows}; NaN for no rows. */
  public static double share(long hits, long rows) {
    if (hits < 0 || hits > rows) {
      throw new IllegalArgumentException(hits + " correct rows of " + rows);
    }
    return rows == 0 ? Double.NaN : (double) hits / rows;
  }

  /**
   * The label column, or a user error when a row has no label.
   *
   * @throws UserInputException naming the column, the first unlabelled row and their count
   */
  public static Column requireLabels(Table table, String label) {
    Column truth = table.column(label);
    int missing = truth.missingCount();
    if (missing > 0) {
      int first = 0;
      while (!truth.isMissing(first)) {
        first++;
      }
      throw new UserInputException(
          "label column " + quote(label) + ", row " + (first + 1),
          "a missing label (" + missing + " of " + truth.size() + " rows)",
          "a true class for every row whose predictions are scored",
          "drop the rows without a label, or fill them in");
    }
    return truth;
  }
}
