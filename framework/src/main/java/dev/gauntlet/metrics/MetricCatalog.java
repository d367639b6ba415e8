package dev.gauntlet.metrics;

import static dev.gauntlet.metrics.Direction.HIGHER_IS_BETTER;
import static dev.gauntlet.metrics.Direction.LOWER_IS_BETTER;
import static dev.gauntlet.metrics.MetricKind.ATTACK;
import static dev.gauntlet.metrics.MetricKind.CALIBRATION;
import static dev.gauntlet.metrics.MetricKind.CLASSIFICATION;
import static dev.gauntlet.metrics.MetricKind.DRIFT;
import static dev.gauntlet.metrics.MetricKind.POISONING;
import static dev.gauntlet.metrics.MetricKind.PRIVACY;
import static dev.gauntlet.metrics.MetricKind.REGRESSION;
import static dev.gauntlet.metrics.MetricKind.SYNTHETIC_FIDELITY;
import static dev.gauntlet.metrics.MetricKind.UTILITY;

import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.Suggestions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every metric Gauntlet measures, by id: the names expectations, {@code report.json}, the CLI's
 * JSON output and the docs use. {@code gauntlet metrics} lists it; {@code docs/metrics.md} is
 * checked against it by a test.
 */
public final class MetricCatalog {
  private static final double INF = Double.POSITIVE_INFINITY;

  private static final Map<String, MetricDefinition> BY_ID = build();

  private MetricCatalog() {}

  /** Every metric, grouped by kind, in the order listings show them. */
  public static List<MetricDefinition> all() {
    return List.copyOf(BY_ID.values());
  }

  /** Every id, in the order of {@link #all()}. */
  public static List<String> ids() {
    return List.copyOf(BY_ID.keySet());
  }

  /** The metric with this id, if there is one (ids are exact: lower case). */
  public static Optional<MetricDefinition> find(String id) {
    return Optional.ofNullable(BY_ID.get(id));
  }

  /**
   * The metric with this id; an unknown id is a user error naming the closest id (did-you-mean).
   *
   * @param where what named it, for the message: {@code --metric}, {@code metrics[2]}
   */
  public static MetricDefinition get(String id, String where) {
    MetricDefinition d = BY_ID.get(id);
    if (d == null) {
      throw new UserInputException(
          where,
          "unknown metric " + UserInputException.quote(id),
          "a metric id of the catalogue"
              + suggestion(id).map(s -> ": did you mean " + s + "?").orElse(""),
          "use one of the ids `gauntlet metrics` lists");
    }
    return d;
  }

  /** The id closest to a mistyped one, if one is close enough to be a likely typo. */
  public static Optional<String> suggestion(String typed) {
    return Suggestions.closest(typed, BY_ID.keySet());
  }

  /**
   * The catalogue as Markdown, the text of {@code docs/metrics.md}: one table per kind with each
   * metric's id, better direction, range and definition.
   */
  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Metrics\n\n");
    b.append(
        "Every metric Gauntlet measures has one id, used alike by expectations, `report.json`,\n");
    b.append(
        "the commands' `--json` output and this page. `gauntlet metrics` prints the same list\n");
    b.append(
        "(`--json` too). This page is generated from `MetricCatalog`; a test keeps it current.\n\n");
    b.append(
        "An expectation's `drop` is a change in the direction marked worse: for a metric where\n");
    b.append(
        "higher is better a fall, for one where lower is better (`log_loss`, `ece`) a rise.\n");
    MetricKind kind = null;
    for (MetricDefinition d : BY_ID.values()) {
      if (d.kind() != kind) {
        kind = d.kind();
        String title = kind.label();
        b.append("\n## ").append(Character.toUpperCase(title.charAt(0))).append(title.substring(1));
        b.append("\n\n| id | better | range | definition |\n|---|---|---|---|\n");
      }
      b.append("| `").append(d.id()).append("` | ").append(d.direction().word());
      b.append(" | ").append(d.rangeText()).append(" | ");
      b.append(d.definition().replace("|", "\\|")).append(" |\n");
    }
    return b.toString();
  }

  private static Map<String, MetricDefinition> build() {
    List<MetricDefinition> l = new ArrayList<>();
    // classification: predicted class = the first most probable class, as scikit-learn
    l.add(
        m(
            "accuracy",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Share of the rows whose predicted class is their true class."));
    l.add(
        m(
            "balanced_accuracy",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean over the classes present among the true labels of each class's recall"
                + " (scikit-learn's balanced_accuracy_score)."));
    l.add(
        m(
            "precision_macro",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Unweighted mean over all classes of each class's precision (the share of the rows"
                + " predicted as the class that belong to it; 0 for a class never predicted)."));
    l.add(
        m(
            "recall_macro",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Unweighted mean over all classes of each class's recall (the share of the class's rows"
                + " predicted as it; 0 for a class with no rows)."));
    l.add(
        m(
            "f1_macro",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Unweighted mean over all classes of each class's F1, the harmonic mean of its precision"
                + " and recall (0 when both are 0)."));
    l.add(
        m(
            "precision_weighted",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean of the classes' precisions weighted by each class's number of true rows."));
    l.add(
        m(
            "recall_weighted",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean of the classes' recalls weighted by each class's number of true rows."));
    l.add(
        m(
            "f1_weighted",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean of the classes' F1 scores weighted by each class's number of true rows."));
    l.add(
        m(
            "roc_auc",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Area under the ROC curve of the positive class's probability (two classes; the positive"
                + " class is the second), or the unweighted mean of each class's one-vs-rest area."));
    l.add(
        m(
            "pr_auc",
            CLASSIFICATION,
            HIGHER_IS_BETTER,
            0,
            1,
            "Average precision (scikit-learn's step-wise area under the precision-recall curve) of the"
                + " positive class, or the unweighted mean over classes one-vs-rest."));
    // calibration and probability quality
    l.add(
        m(
            "log_loss",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            INF,
            "Mean over rows of -ln of the probability given to the true class, probabilities clipped"
                + " to [2.22e-16, 1 - 2.22e-16] and renormalised as scikit-learn does."));
    l.add(
        m(
            "brier_score",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            2,
            "Mean over rows of the squared difference between the positive class's probability and"
                + " the 0/1 truth (two classes, range [0, 1]), or of the sum over classes of"
                + " (p_k - 1[y = k])^2 (more classes)."));
    l.add(
        m(
            "ece",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            1,
            "Expected calibration error of the top-label confidence over 10 equal-width bins (lo, hi]:"
                + " sum over bins of (rows in bin / rows) x |accuracy - mean confidence|."));
    l.add(
        m(
            "mce",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            1,
            "Maximum calibration error: the largest |accuracy - mean confidence| over the non-empty"
                + " bins of the ece's reliability diagram."));
    l.add(
        m(
            "overconfidence",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            1,
            "The part of the ece from bins whose mean confidence exceeds their accuracy."));
    l.add(
        m(
            "underconfidence",
            CALIBRATION,
            LOWER_IS_BETTER,
            0,
            1,
            "The part of the ece from bins whose accuracy exceeds their mean confidence."));
    // regression
    l.add(
        m(
            "mae",
            REGRESSION,
            LOWER_IS_BETTER,
            0,
            INF,
            "Mean absolute difference between the predicted and the true numbers."));
    l.add(
        m(
            "rmse",
            REGRESSION,
            LOWER_IS_BETTER,
            0,
            INF,
            "Square root of the mean squared difference between the predicted and the true numbers."));
    l.add(
        m(
            "r2",
            REGRESSION,
            HIGHER_IS_BETTER,
            Double.NEGATIVE_INFINITY,
            1,
            "Coefficient of determination, 1 - (sum of squared errors) / (sum of squared deviations of"
                + " the truth from its mean); undefined (NaN) when the truth is constant."));
    // evasion attacks
    l.add(
        m(
            "attack_success_rate",
            ATTACK,
            LOWER_IS_BETTER,
            0,
            1,
            "Share of the rows the model classified correctly before the attack whose predicted class"
                + " the attack changed within its budget."));
    // poisoning
    l.add(
        m(
            "backdoor_success_rate",
            POISONING,
            LOWER_IS_BETTER,
            0,
            1,
            "Share of the triggered test rows, of classes other than the backdoor's target, that the"
                + " model trained on the poisoned rows puts in the target class."));
    // synthetic data: fidelity
    l.add(
        m(
            "quality_score",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "SDMetrics' quality score: the mean of column_shapes and column_pair_trends."));
    l.add(
        m(
            "column_shapes",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean over columns of each column's shape score: 1 - the KS statistic for numeric columns,"
                + " 1 - the total variation distance for categorical ones."));
    l.add(
        m(
            "column_pair_trends",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean over all column pairs of the correlation similarity (two numeric columns) or the"
                + " contingency similarity (a pair with a categorical column)."));
    l.add(
        m(
            "correlation_similarity",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean over numeric column pairs of 1 - |real Pearson correlation - synthetic one| / 2."));
    l.add(
        m(
            "contingency_similarity",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Mean over column pairs with a categorical column of 1 - the total variation distance"
                + " between the real and synthetic two-way frequency tables (numbers binned)."));
    l.add(
        m(
            "detection_score",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "SDMetrics' logistic detection score: 1 - (2 max(AUC, 0.5) - 1) averaged over 3"
                + " cross-validation folds of a logistic regression telling synthetic rows from real."));
    l.add(
        m(
            "frechet_distance",
            SYNTHETIC_FIDELITY,
            LOWER_IS_BETTER,
            0,
            INF,
            "Fréchet distance between Gaussians fitted to the real and the synthetic rows' numeric"
                + " columns, as they are (rows with a missing value dropped)."));
    l.add(
        m(
            "frechet_distance_standardized",
            SYNTHETIC_FIDELITY,
            LOWER_IS_BETTER,
            0,
            INF,
            "Fréchet distance on the numeric columns after z-scoring both sides with the real"
                + " columns' mean and standard deviation."));
    l.add(
        m(
            "frechet_distance_encoded",
            SYNTHETIC_FIDELITY,
            LOWER_IS_BETTER,
            0,
            INF,
            "Fréchet distance on every column encoded by a feature encoder fitted on the real rows"
                + " (numbers standardized, categories one-hot)."));
    l.add(
        m(
            "prdc_precision",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Share of the synthetic rows within the 5-nearest-neighbour ball of some real row"
                + " (Naeem et al. 2020)."));
    l.add(
        m(
            "prdc_recall",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Share of the real rows within the 5-nearest-neighbour ball of some synthetic row"
                + " (Naeem et al. 2020)."));
    l.add(
        m(
            "prdc_density",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            INF,
            "Number of real rows' 5-nearest-neighbour balls a synthetic row lies in, averaged over"
                + " synthetic rows and divided by 5 (about 1 for a sample of the real distribution)."));
    l.add(
        m(
            "prdc_coverage",
            SYNTHETIC_FIDELITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Share of the real rows whose nearest synthetic row lies within the real row's own"
                + " 5-nearest-neighbour ball."));
    l.add(
        m(
            "mmd2",
            SYNTHETIC_FIDELITY,
            LOWER_IS_BETTER,
            Double.NEGATIVE_INFINITY,
            INF,
            "Unbiased estimate of the squared maximum mean discrepancy between the real and synthetic"
                + " rows with a Gaussian kernel of median-heuristic bandwidth (slightly negative when"
                + " they agree)."));
    // synthetic data: privacy
    l.add(
        m(
            "exact_copy_rate",
            PRIVACY,
            LOWER_IS_BETTER,
            0,
            1,
            "Share of the synthetic rows that equal a training row in every column."));
    l.add(
        m(
            "dcr_median",
            PRIVACY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Median over synthetic rows of the distance to the closest training row, in SDMetrics'"
                + " mean cell distance (numbers: |a - b| / real range, capped at 1; categories: 0 or"
                + " 1)."));
    l.add(
        m(
            "dcr_baseline_protection",
            PRIVACY,
            HIGHER_IS_BETTER,
            0,
            1,
            "SDMetrics' DCRBaselineProtection: min(1, dcr_median / the same median for rows drawn"
                + " uniformly within the real columns' ranges and levels)."));
    l.add(
        m(
            "dcr_overfitting_protection",
            PRIVACY,
            HIGHER_IS_BETTER,
            0,
            1,
            "SDMetrics' DCROverfittingProtection: min(1, 2 (1 - share of synthetic rows strictly"
                + " closer to a training row than to any holdout row))."));
    // synthetic data: utility
    l.add(
        m(
            "tstr_accuracy",
            UTILITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Accuracy on real holdout rows of the built-in logistic regression trained on the"
                + " synthetic rows (train synthetic, test real)."));
    l.add(
        m(
            "trtr_accuracy",
            UTILITY,
            HIGHER_IS_BETTER,
            0,
            1,
            "Accuracy on the same real holdout rows of the built-in logistic regression trained on"
                + " the real training rows (train real, test real)."));
    l.add(
        m(
            "utility_ratio",
            UTILITY,
            HIGHER_IS_BETTER,
            0,
            INF,
            "tstr_accuracy divided by trtr_accuracy: 1 when the synthetic rows train as well as the"
                + " real ones."));
    // drift
    l.add(
        m(
            "drifted_share",
            DRIFT,
            LOWER_IS_BETTER,
            0,
            1,
            "Share of the feature columns whose drift test (Evidently's defaults: KS or chi-square"
                + " p < 0.05 up to 1000 reference rows, else Wasserstein or Jensen-Shannon >= 0.1)"
                + " flags drift from the clean test rows to the rows under the variant."));
    Map<String, MetricDefinition> byId = new LinkedHashMap<>();
    for (MetricDefinition d : l) {
      if (byId.put(d.id(), d) != null) {
        throw new IllegalStateException("metric id listed twice: " + d.id());
      }
    }
    return Collections.unmodifiableMap(byId);
  }

  private static MetricDefinition m(
      String id, MetricKind kind, Direction direction, double min, double max, String definition) {
    return new MetricDefinition(id, kind, direction, min, max, definition);
  }
}
