package dev.gauntlet.scenario.internal;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.MetricDefinition;
import dev.gauntlet.metrics.MetricKind;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.scenario.spec.SplitSpec;
import dev.gauntlet.spi.ModelTask;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What follows from the model's task (classes or numbers): its metrics, the variants that apply,
 * the label it needs, the default split. Each refusal names the scenario's key.
 */
final class TaskRules {
  private TaskRules() {}

  /** The metrics measured when the scenario lists none. */
  static List<String> defaultMetrics(ModelTask task) {
    return task == ModelTask.REGRESSION ? RegressionScores.DEFAULT : OutcomeScores.DEFAULT;
  }

  /** The metrics of predictions a model of this task is measured by. */
  static Set<String> supportedMetrics(ModelTask task) {
    return task == ModelTask.REGRESSION ? RegressionScores.SUPPORTED : OutcomeScores.SUPPORTED;
  }

  /** The error for a listed metric the model's task does not give. */
  static UserInputException unsupportedMetric(String where, MetricDefinition d, ModelTask task) {
    boolean otherTask =
        task == ModelTask.REGRESSION
            ? OutcomeScores.SUPPORTED.contains(d.id())
            : d.kind() == MetricKind.REGRESSION;
    String expected =
        (task == ModelTask.REGRESSION
                ? "a metric of numeric predictions: one of "
                : "a metric of predictions: one of ")
            + new TreeSet<>(supportedMetrics(task));
    String fix =
        otherTask
            ? task == ModelTask.REGRESSION
                ? "the model is a regressor: use mae, rmse or r2, or a classifier"
                : "the model is a classifier: use a regression model (linear-regression,"
                    + " regression-tree) for mae, rmse and r2"
            : "remove it: variants of the matching kind report it by themselves";
    return new UserInputException(
        where, d.id() + ", a " + d.kind().label() + " metric", expected, fix);
  }

  /** Refuses a variant kind that acts on classes when the model is a regressor. */
  static void checkKind(ModelTask task, VariantKind kind, String where) {
    if (task != ModelTask.REGRESSION || !kind.classifiersOnly()) {
      return;
    }
    String why =
        kind.category() == VariantKind.Category.EVASION
            ? "an evasion attack, which flips a classifier's predicted classes"
            : "which changes classes of the label";
    throw new UserInputException(
        where,
        "kind " + kind.name() + ", " + why + "; the model is a regressor",
        "a kind for a regression model: a test-time perturbation, copy-test-rows or synthetic",
        "remove the variant, or use a classifier");
  }

  /** Refuses a decision threshold or positive class for a regressor. */
  static void checkModel(ModelTask task, ModelSpec model, String source) {
    if (task != ModelTask.REGRESSION) {
      return;
    }
    if (model.threshold() != null || model.positive() != null) {
      throw new UserInputException(
          source + (model.threshold() != null ? " (model.threshold)" : " (model.positive)"),
          model.threshold() != null
              ? "a decision threshold for a regressor"
              : "a positive class for a regressor",
          "no threshold or positive class: a regressor predicts numbers",
          "remove threshold and positive");
    }
  }

  /** Whether the split is stratified: by default for classes; never for numbers. */
  static boolean stratify(ModelTask task, SplitSpec split, String source) {
    if (task != ModelTask.REGRESSION) {
      return split.stratifyOrDefault();
    }
    if (split.stratify() != null && split.stratify()) {
      throw new UserInputException(
          source + " (split.stratify)",
          "true with a regressor",
          "false: a numeric label has no classes to stratify by",
          "remove stratify");
    }
    return false;
  }

  /**
   * Checks the label column suits the model: numbers for a regressor; classes (a categorical
   * column, or a numeric one of integers) for a classifier.
   */
  static void checkLabel(ModelTask task, Table table, String label, String source) {
    Column c = table.column(label);
    if (task == ModelTask.REGRESSION && c instanceof CategoricalColumn) {
      throw new UserInputException(
          source + " (data.label)",
          "categorical label column " + quote(label) + " for a regressor",
          "a numeric label: a regressor predicts numbers",
          "use a classifier (logistic-regression, decision-tree), or a numeric label column");
    }
    if (task == ModelTask.CLASSIFICATION && c instanceof NumericColumn n && !n.allIntegers()) {
      String example = "";
      for (int r = 0; r < n.size(); r++) {
        double v = n.get(r);
        if (!Double.isNaN(v) && v != Math.rint(v)) {
          example = " (row " + (r + 1) + ": " + n.format(r) + ")";
          break;
        }
      }
      throw new UserInputException(
          source + " (data.label)",
          "numeric label column "
              + quote(label)
              + " with values that are not integer classes"
              + example,
          "classes for a classifier: a categorical label, or integer class codes",
          "use a regression model (linear-regression, regression-tree), or a class label");
    }
  }

  /** The true numbers of a regression label on these rows; a missing one is a user error. */
  static double[] truth(Table rows, String label) {
    Column c = rows.column(label);
    NumericColumn n = (NumericColumn) c;
    if (n.missingCount() > 0) {
      int r = 0;
      while (!n.isMissing(r)) {
        r++;
      }
      throw new UserInputException(
          "label column " + quote(label) + ", test row " + (r + 1),
          "a missing label (" + n.missingCount() + " rows in all)",
          "a number for every test row",
          "drop the rows without a label, or fill them in");
    }
    return n.values();
  }
}
