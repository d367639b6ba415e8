package dev.gauntlet.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of Gauntlet's metric results under their {@link MetricCatalog} ids, so that reports,
 * expectations and JSON output name them alike. Each map keeps the catalogue's order; undefined
 * figures are NaN, as the results hold them.
 */
public final class MetricValues {
  private MetricValues() {}

  /**
   * accuracy, balanced_accuracy, the macro and weighted precision / recall / F1, roc_auc, pr_auc,
   * log_loss, brier_score, ece, mce, overconfidence, underconfidence.
   */
  public static Map<String, Double> classification(ClassificationMetrics m) {
    Values v = new Values();
    v.put("accuracy", m.accuracy());
    v.put("balanced_accuracy", balancedAccuracy(m.recall(), m.support()));
    v.put("precision_macro", m.precisionMacro());
    v.put("recall_macro", m.recallMacro());
    v.put("f1_macro", m.f1Macro());
    v.put("precision_weighted", m.precisionWeighted());
    v.put("recall_weighted", m.recallWeighted());
    v.put("f1_weighted", m.f1Weighted());
    v.put("roc_auc", m.rocAuc());
    v.put("pr_auc", m.prAuc());
    v.put("log_loss", m.logLoss());
    v.put("brier_score", m.brier());
    v.put("ece", m.calibration().ece());
    v.put("mce", m.calibration().mce());
    v.put("overconfidence", m.calibration().overconfidence());
    v.put("underconfidence", m.calibration().underconfidence());
    return v.done();
  }

  /**
   * scikit-learn's balanced accuracy: the mean recall over the classes that have true rows (a class
   * only predicted, never true, is left out); NaN without rows.
   */
  public static double balancedAccuracy(double[] recall, long[] support) {
    double sum = 0;
    int classes = 0;
    for (int k = 0; k < recall.length; k++) {
      if (support[k] > 0) {
        sum += recall[k];
        classes++;
      }
    }
    return classes == 0 ? Double.NaN : sum / classes;
  }

  /** mae, rmse, r2. */
  public static Map<String, Double> regression(RegressionMetrics m) {
    Values v = new Values();
    v.put("mae", m.mae());
    v.put("rmse", m.rmse());
    v.put("r2", m.r2());
    return v.done();
  }

  /**
   * quality_score, column_shapes, column_pair_trends (SDMetrics' QualityReport),
   * correlation_similarity, contingency_similarity and the three Fréchet distances.
   */
  public static Map<String, Double> fidelity(Fidelity f) {
    Values v = new Values();
    v.put("quality_score", f.qualityScore());
    v.put("column_shapes", f.quality().columnShapes());
    v.put("column_pair_trends", f.quality().columnPairTrends());
    v.put("correlation_similarity", f.correlationSimilarity());
    v.put("contingency_similarity", f.contingencySimilarity());
    v.put("frechet_distance", f.frechetDistance());
    v.put("frechet_distance_standardized", f.frechetDistanceStandardized());
    v.put("frechet_distance_encoded", f.frechetDistanceEncoded());
    return v.done();
  }

  /** exact_copy_rate, dcr_median, dcr_baseline_protection. */
  public static Map<String, Double> privacy(Privacy p) {
    Values v = new Values();
    v.put("exact_copy_rate", p.exactCopyShare());
    v.put("dcr_median", p.dcrMedian());
    v.put("dcr_baseline_protection", p.dcrBaselineProtection());
    return v.done();
  }

  /** dcr_overfitting_protection. */
  public static Map<String, Double> overfitting(DcrOverfitting d) {
    Values v = new Values();
    v.put("dcr_overfitting_protection", d.score());
    return v.done();
  }

  /** tstr_accuracy, trtr_accuracy, utility_ratio. */
  public static Map<String, Double> utility(Utility u) {
    Values v = new Values();
    v.put("tstr_accuracy", u.accuracySyntheticTrained());
    v.put("trtr_accuracy", u.accuracyRealTrained());
    v.put("utility_ratio", u.ratio());
    return v.done();
  }

  /** detection_score. */
  public static Map<String, Double> detection(Detection d) {
    Values v = new Values();
    v.put("detection_score", d.score());
    return v.done();
  }

  /** prdc_precision, prdc_recall, prdc_density, prdc_coverage. */
  public static Map<String, Double> prdc(Prdc p) {
    Values v = new Values();
    v.put("prdc_precision", p.precision());
    v.put("prdc_recall", p.recall());
    v.put("prdc_density", p.density());
    v.put("prdc_coverage", p.coverage());
    return v.done();
  }

  /** mmd2. */
  public static Map<String, Double> mmd(Mmd m) {
    Values v = new Values();
    v.put("mmd2", m.mmd2());
    return v.done();
  }

  /** drifted_share. */
  public static Map<String, Double> drift(Drift d) {
    Values v = new Values();
    v.put("drifted_share", d.shareDrifted());
    return v.done();
  }

  /** An ordered map whose keys must be catalogue ids (a typo here is a bug, caught at once). */
  private static final class Values {
    private final Map<String, Double> map = new LinkedHashMap<>();

    void put(String id, double value) {
      if (MetricCatalog.find(id).isEmpty()) {
        throw new IllegalStateException("not a catalogue id: " + id);
      }
      map.put(id, value);
    }

    Map<String, Double> done() {
      return Collections.unmodifiableMap(map);
    }
  }
}
