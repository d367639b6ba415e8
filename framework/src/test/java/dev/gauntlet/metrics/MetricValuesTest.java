package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.model.ClassProbabilities;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricValuesTest {
  /** Probabilities of 0.8 for the predicted class and 0.1 for each other of three. */
  static ClassificationMetrics predicted(int[] y, int[] predicted) {
    double[] p = new double[y.length * 3];
    for (int r = 0; r < y.length; r++) {
      for (int k = 0; k < 3; k++) {
        p[r * 3 + k] = k == predicted[r] ? 0.8 : 0.1;
      }
    }
    return ClassificationMetrics.of(y, ClassProbabilities.of(List.of("a", "b", "c"), y.length, p));
  }

  @Test
  void balancedAccuracyAgreesWithScikitLearn() {
    // sklearn.metrics.balanced_accuracy_score (scikit-learn 1.2) gives 0.75 here: recalls 3/4,
    // 2/2 and 2/4; plain accuracy is 0.7
    ClassificationMetrics m =
        predicted(
            new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2, 0}, new int[] {0, 1, 0, 1, 1, 2, 0, 2, 1, 0});
    Map<String, Double> v = MetricValues.classification(m);
    assertThat(v.get("balanced_accuracy")).isEqualTo(0.75, within(1e-15));
    assertThat(v.get("accuracy")).isEqualTo(0.7, within(1e-15));
    // a class that is predicted but never true is left out: (1/2 + 2/3) / 2, 0.5833333333333333
    // from scikit-learn (with its warning about y_pred classes not in y_true)
    ClassificationMetrics absent = predicted(new int[] {0, 0, 1, 1, 1}, new int[] {0, 2, 1, 1, 0});
    assertThat(MetricValues.classification(absent).get("balanced_accuracy"))
        .isEqualTo(0.5833333333333333, within(1e-15));
  }

  @Test
  void everyFigureIsNamedByItsCatalogueIdAndTakenFromItsField() {
    ClassificationMetrics m = predicted(new int[] {0, 1, 2, 2, 1}, new int[] {0, 1, 2, 1, 1});
    Map<String, Double> v = MetricValues.classification(m);
    assertThat(MetricCatalog.ids()).containsAll(v.keySet());
    assertThat(v.get("f1_macro")).isEqualTo(m.f1Macro());
    assertThat(v.get("log_loss")).isEqualTo(m.logLoss());
    assertThat(v.get("brier_score")).isEqualTo(m.brier());
    assertThat(v.get("ece")).isEqualTo(m.calibration().ece());
    assertThat(v.get("mce")).isEqualTo(m.calibration().mce());

    Map<String, Double> r =
        MetricValues.regression(
            RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 5}));
    assertThat(r).containsOnlyKeys("mae", "rmse", "r2");
    assertThat(r.get("mae")).isEqualTo(2 / 3.0, within(1e-15));
  }

  @Test
  void syntheticDataFiguresByTheirIds() {
    assertThat(MetricValues.privacy(new Privacy(10, 20, 0.2, 0.4, 0.5, 0.1, 0.3)))
        .containsExactly(
            Map.entry("exact_copy_rate", 0.1),
            Map.entry("dcr_median", 0.2),
            Map.entry("dcr_baseline_protection", 0.5));
    assertThat(MetricValues.overfitting(new DcrOverfitting(20, 0.6, 0.8)))
        .containsExactly(Map.entry("dcr_overfitting_protection", 0.8));
    Map<String, Double> u = MetricValues.utility(new Utility("y", 70, 30, 0.8, 0.76));
    assertThat(u.get("tstr_accuracy")).isEqualTo(0.76);
    assertThat(u.get("trtr_accuracy")).isEqualTo(0.8);
    assertThat(u.get("utility_ratio")).isEqualTo(0.95, within(1e-15));
    assertThat(MetricValues.detection(new Detection(3, 10, 10, List.of(0.6, 0.7, 0.5), 0.6, 0.8)))
        .containsExactly(Map.entry("detection_score", 0.8));
    assertThat(MetricValues.prdc(new Prdc(5, 10, 10, 0.1, 0.2, 0.3, 0.4)))
        .containsExactly(
            Map.entry("prdc_precision", 0.1),
            Map.entry("prdc_recall", 0.2),
            Map.entry("prdc_density", 0.3),
            Map.entry("prdc_coverage", 0.4));
    assertThat(MetricValues.mmd(new Mmd(10, 10, 0.01, 0.5, 1.2, 100)))
        .containsExactly(Map.entry("mmd2", 0.01));
    assertThat(MetricValues.drift(new Drift(Map.of(), 0.25, false, Drift.Options.defaults(), 0.05)))
        .containsExactly(Map.entry("drifted_share", 0.25));
    Map<String, Double> f =
        MetricValues.fidelity(
            new Fidelity(
                10,
                10,
                Map.of(),
                new QualityReport(0.85, 0.9, 0.8, Map.of(), List.of()),
                1.5,
                0.3,
                2.5,
                0.7));
    assertThat(f.get("quality_score")).isEqualTo(0.85);
    assertThat(f.get("column_shapes")).isEqualTo(0.9);
    assertThat(f.get("column_pair_trends")).isEqualTo(0.8);
    assertThat(f.get("frechet_distance_encoded")).isEqualTo(2.5);
  }
}
