package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.MetricValues;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.random.Seed;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A synthetic variant reports the figures compare reports, through one definition. Before, the
 * variant computed column shapes as a plain mean of the columns' shape scores and the pair trends
 * as 2 x quality - shapes, which names a pair-trend score for a table that has no pairs.
 */
class SyntheticReportTest {
  /** What compare reports for these tables, restricted to the ids a synthetic variant reports. */
  static Map<String, Double> compareFigures(Table real, Table syn) {
    Map<String, Double> all =
        new LinkedHashMap<>(MetricValues.fidelity(Fidelity.compare(real, syn)));
    all.putAll(
        MetricValues.privacy(
            Privacy.of(real, syn, Synthetic.PRIVACY_ROWS, Seed.of(5).derive("privacy"))));
    Map<String, Double> out = new LinkedHashMap<>();
    for (String id : Synthetic.METRICS) {
      if (all.containsKey(id)) {
        out.put(id, all.get(id));
      }
    }
    return out;
  }

  @Test
  void aTableWithOneColumnHasNoPairTrendScore() {
    Table real = Table.builder().numeric("x", 1, 2, 3, 4, 5, 6, 7, 8).build();
    Table syn = Table.builder().numeric("x", 1.5, 2, 2.5, 4, 6, 6, 7.5, 9).build();
    Map<String, Double> reported =
        Synthetic.report(real, real, syn, null, Seed.of(5), false).metrics();
    assertThat(reported).isEqualTo(compareFigures(real, syn));
    // one column: the quality is the shape score, and there is no pair to score (the old formula,
    // 2 x quality - shapes, gave the shape score again)
    assertThat(reported.get("quality_score")).isEqualTo(reported.get("column_shapes")).isNotNaN();
    assertThat(reported.get("column_pair_trends")).isNaN();
  }

  @Test
  void anOrdinaryTableReportsCompareFigures() {
    Table real =
        Table.builder()
            .numeric("x", 1, 2, 3, 4, 5, 6, 7, 8)
            .numeric("y", 2, 1, 4, 3, 6, 5, 8, 7)
            .categorical("c", "a", "b", "a", "b", "a", "a", "b", "b")
            .build();
    Table syn =
        Table.builder()
            .numeric("x", 1, 3, 3, 4, 4, 6, 8, 8)
            .numeric("y", 1, 1, 4, 4, 6, 6, 7, 7)
            .categorical("c", "a", "a", "a", "b", "a", "b", "b", "b")
            .build();
    assertThat(Synthetic.report(real, real, syn, null, Seed.of(5), false).metrics())
        .isEqualTo(compareFigures(real, syn))
        .containsKeys("quality_score", "column_shapes", "column_pair_trends", "exact_copy_rate");
  }
}
