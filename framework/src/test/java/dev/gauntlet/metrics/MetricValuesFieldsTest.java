package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every classification and fidelity figure of {@link MetricValues} under its catalogue id, taken
 * from its own field: {@link MetricValuesTest} checks some of them, and mutation testing showed a
 * dropped entry (precision, recall, ROC AUC, PR AUC, over- and underconfidence, correlation and
 * contingency similarity, the raw and standardized Fréchet distances) went unnoticed.
 */
class MetricValuesFieldsTest {

  @Test
  void everyClassificationFigureIsItsField() {
    ClassificationMetrics m =
        MetricValuesTest.predicted(
            new int[] {0, 0, 0, 1, 1, 2, 2, 2, 2, 0}, new int[] {0, 1, 0, 1, 1, 2, 0, 2, 1, 2});
    Map<String, Double> v = MetricValues.classification(m);
    assertThat(v)
        .containsEntry("accuracy", m.accuracy())
        .containsEntry("precision_macro", m.precisionMacro())
        .containsEntry("recall_macro", m.recallMacro())
        .containsEntry("f1_macro", m.f1Macro())
        .containsEntry("precision_weighted", m.precisionWeighted())
        .containsEntry("recall_weighted", m.recallWeighted())
        .containsEntry("f1_weighted", m.f1Weighted())
        .containsEntry("roc_auc", m.rocAuc())
        .containsEntry("pr_auc", m.prAuc())
        .containsEntry("log_loss", m.logLoss())
        .containsEntry("brier_score", m.brier())
        .containsEntry("ece", m.calibration().ece())
        .containsEntry("mce", m.calibration().mce())
        .containsEntry("overconfidence", m.calibration().overconfidence())
        .containsEntry("underconfidence", m.calibration().underconfidence())
        .containsKey("balanced_accuracy")
        .hasSize(16);
  }

  @Test
  void everyFidelityFigureIsItsField() {
    Table real =
        Table.builder()
            .numeric("x", 1, 2, 3, 4, 5, 6)
            .numeric("y", 2, 4, 5, 8, 11, 12)
            .categorical("c", "a", "a", "b", "b", "c", "c")
            .build();
    Table synthetic =
        Table.builder()
            .numeric("x", 1, 2.5, 3, 4.5, 5, 7)
            .numeric("y", 3, 4, 7, 8, 9, 14)
            .categorical("c", "a", "b", "b", "b", "c", "a")
            .build();
    Fidelity f = Fidelity.compare(real, synthetic);
    Map<String, Double> v = MetricValues.fidelity(f);
    assertThat(v)
        .containsEntry("quality_score", f.qualityScore())
        .containsEntry("column_shapes", f.quality().columnShapes())
        .containsEntry("column_pair_trends", f.quality().columnPairTrends())
        .containsEntry("correlation_similarity", f.correlationSimilarity())
        .containsEntry("contingency_similarity", f.contingencySimilarity())
        .containsEntry("frechet_distance", f.frechetDistance())
        .containsEntry("frechet_distance_standardized", f.frechetDistanceStandardized())
        .containsEntry("frechet_distance_encoded", f.frechetDistanceEncoded())
        .hasSize(8);
    // the figures differ, so no entry can stand in for another
    assertThat(v.values()).doesNotHaveDuplicates();
  }
}
