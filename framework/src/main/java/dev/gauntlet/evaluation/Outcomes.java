package dev.gauntlet.evaluation;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The true classes of a set of rows and a model's class probabilities for them: what a metric is
 * computed from.
 *
 * @param y each row's true class, an index into {@code p.classes()}
 * @param p the predicted probabilities, one row per entry of {@code y}
 */
public record Outcomes(int[] y, ClassProbabilities p) {
  public Outcomes {
    Objects.requireNonNull(y, "y");
    Objects.requireNonNull(p, "p");
    if (p.rows() != y.length) {
      throw new IllegalArgumentException(
          y.length + " labels for " + p.rows() + " rows of probabilities");
    }
    y = y.clone();
    for (int r = 0; r < y.length; r++) {
      if (y[r] < 0 || y[r] >= p.classCount()) {
        throw new IllegalArgumentException(
            "true class " + y[r] + " at row " + r + " is not within [0, " + p.classCount() + ")");
      }
    }
  }

  /** The model's predictions on {@code table} against its {@code label} column. */
  public static Outcomes of(Classifier model, Table table, String label) {
    Objects.requireNonNull(model, "model");
    ClassProbabilities p = model.predictProba(table);
    return new Outcomes(trueClasses(table, label, p.classes()), p);
  }

  /**
   * Each row's true class as an index into {@code classes}, reading the label as {@link Labels}
   * does (a numeric label by its text). A missing label ({@link Accuracy#requireLabels}), or a
   * class the model does not know, is a user error.
   */
  public static int[] trueClasses(Table table, String label, List<String> classes) {
    Accuracy.requireLabels(table, label);
    Labels truth = Labels.of(table, label);
    int[] index = new int[truth.classes().size()];
    for (int c = 0; c < index.length; c++) {
      String name = truth.classes().get(c);
      index[c] = classes.indexOf(name);
      if (index[c] < 0) {
        int[] y = truth.y();
        final int cls = c;
        long rows = Arrays.stream(y).filter(v -> v == cls).count();
        throw new UserInputException(
            "label column " + quote(label),
            "class " + quote(name) + " (" + rows + " rows), which the model does not predict",
            "one of the model's classes " + classes,
            "drop those rows, or evaluate a model trained with that class");
      }
    }
    int[] y = truth.y();
    for (int r = 0; r < y.length; r++) {
      y[r] = index[y[r]];
    }
    return y;
  }

  public int rows() {
    return y.length;
  }

  /** The true classes (a copy). */
  @Override
  public int[] y() {
    return y.clone();
  }

  /** The true class of one row. */
  public int trueClass(int row) {
    return y[row];
  }

  /** Whether the most probable class of a row (the first on ties) is its true class. */
  public boolean correct(int row) {
    return p.argmax(row) == y[row];
  }

  /** The given rows, in that order. */
  public Outcomes take(int[] rows) {
    int k = p.classCount();
    int[] ys = new int[rows.length];
    double[] flat = new double[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      ys[i] = y[rows[i]];
      for (int c = 0; c < k; c++) {
        flat[i * k + c] = p.get(rows[i], c);
      }
    }
    return new Outcomes(ys, ClassProbabilities.of(p.classes(), rows.length, flat));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Outcomes other && Arrays.equals(other.y, y) && other.p.equals(p);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(y) + p.hashCode();
  }

  @Override
  public String toString() {
    return "Outcomes[" + y.length + " rows, classes " + p.classes() + "]";
  }
}
