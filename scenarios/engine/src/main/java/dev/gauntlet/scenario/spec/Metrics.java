package dev.gauntlet.scenario.spec;

import dev.gauntlet.metrics.MetricCatalog;

/**
 * The ids of the metrics of predictions a scenario can measure ({@code metrics:}), as constants for
 * {@link ScenarioSpec.Builder#metrics(String...)} and assertions. Every id is the catalogue's
 * ({@code gauntlet metrics} describes each); a test checks that every metric the engine measures
 * has its constant here.
 */
public final class Metrics {
  private Metrics() {}

  public static final String ACCURACY = "accuracy";
  public static final String BALANCED_ACCURACY = "balanced_accuracy";
  public static final String PRECISION_MACRO = "precision_macro";
  public static final String RECALL_MACRO = "recall_macro";
  public static final String F1_MACRO = "f1_macro";
  public static final String PRECISION_WEIGHTED = "precision_weighted";
  public static final String RECALL_WEIGHTED = "recall_weighted";
  public static final String F1_WEIGHTED = "f1_weighted";
  public static final String ROC_AUC = "roc_auc";
  public static final String PR_AUC = "pr_auc";
  public static final String LOG_LOSS = "log_loss";
  public static final String BRIER_SCORE = "brier_score";

  /** Expected calibration error. */
  public static final String ECE = "ece";

  /** Maximum calibration error. */
  public static final String MCE = "mce";

  public static final String OVERCONFIDENCE = "overconfidence";
  public static final String UNDERCONFIDENCE = "underconfidence";

  /**
   * A catalogue id without a constant here (a metric variants report, such as {@code
   * attack_success_rate}, for assertions); an id the catalogue does not have is a user error naming
   * the closest one.
   */
  public static String named(String id) {
    return MetricCatalog.get(id, "Metrics.named").id();
  }
}
