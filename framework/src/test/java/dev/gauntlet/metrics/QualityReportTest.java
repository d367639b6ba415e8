package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import org.junit.jupiter.api.Test;

/**
 * SDMetrics' QualityReport rules on tables small enough to check by hand (the reference cases in
 * scenarios pin the figures on real data); each rule is one where Gauntlet's earlier figure
 * differed.
 */
class QualityReportTest {

  @Test
  void numbersAreBinnedOverTheirOwnRangeLeftClosedWithTheMaximumAndMissingInAnEleventhBin() {
    // np.digitize(x, np.histogram_bin_edges(x)) gives 1..10, and 11 for the maximum and NaN
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN};
    assertThat(Contingency.ownRangeBins(x)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 11);
    // a single value: numpy widens the range to +-0.5, so 5 sits on the sixth edge
    assertThat(Contingency.ownRangeBins(new double[] {5, 5, Double.NaN})).containsExactly(6, 6, 11);
    assertThat(Contingency.ownRangeBins(new double[] {1, Double.POSITIVE_INFINITY})).isNull();
  }

  @Test
  void contingencyPairsGiveTheSameFiguresThroughTheDenseAndTheSparseTables() {
    int[] realA = {0, 0, 0, 1, 1, 2, 2, 2};
    int[] realB = {0, 0, 1, 1, 1, 0, 1, 1};
    int[] synthA = {0, 1, 2, 2};
    int[] synthB = {0, 1, 1, 1};
    Contingency.Pair dense = Contingency.pair(realA, realB, synthA, synthB, 3, 2);
    // Cramér's V of [[2, 1], [0, 2], [1, 2]]: scipy.stats.contingency.association, method cramer
    assertThat(dense.realCramersV()).isCloseTo(0.53748384988657, within(1e-13));
    // real cells (0,0) 2/8 (0,1) 1/8 (1,1) 2/8 (2,0) 1/8 (2,1) 2/8 against synthetic (0,0) (1,1)
    // 1/4 and (2,1) 2/4: TVD = (0 + 1/8 + 0 + 1/8 + 1/4) / 2
    assertThat(dense.similarity()).isCloseTo(0.75, within(1e-15));
    // code spaces this wide (1.8 million cells) are counted in a map
    Contingency.Pair sparse = Contingency.pair(realA, realB, synthA, synthB, 1200, 1500);
    assertThat(sparse.similarity()).isCloseTo(dense.similarity(), within(1e-15));
    assertThat(sparse.realCramersV()).isCloseTo(dense.realCramersV(), within(1e-13));
  }

  @Test
  void aShiftedNumericColumnKeepsItsContingencyScoreBecauseEachTableHasItsOwnBins() {
    double[] x = new double[40];
    double[] shifted = new double[40];
    String[] c = new String[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i;
      shifted[i] = i + 1000;
      c[i] = i < 20 ? "low" : "high";
    }
    Table real = Table.builder().numeric("x", x).categorical("c", c).build();
    Table synthetic = Table.builder().numeric("x", shifted).categorical("c", c).build();
    Fidelity f = Fidelity.compare(real, synthetic);
    QualityReport.PairTrend pair = f.quality().pairs().get(0);
    assertThat(pair.metric()).isEqualTo(QualityReport.PairMetric.CONTINGENCY_SIMILARITY);
    assertThat(pair.score()).isEqualTo(1.0);
    assertThat(pair.meetsThreshold()).isTrue();
    // Gauntlet's own shared bins put every synthetic x in the top bin, where 4 of 40 real rows are
    assertThat(f.contingencySimilaritySharedBins()).isCloseTo(0.1, within(1e-12));
    // x's shape: KS 1 -> 0; c's shape 1; the one pair 1
    assertThat(f.quality().columnShapes()).isCloseTo(0.5, within(1e-12));
    assertThat(f.qualityScore()).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void aMissingValueIsACategoryOfItsOwnInContingencyTables() {
    Table real =
        Table.builder()
            .categorical("c", "a", "a", "b", "b")
            .categorical("d", "x", "x", "y", "y")
            .build();
    Table synthetic =
        Table.builder()
            .categorical("c", "a", "a", "b", "b")
            .categorical("d", "x", null, "y", null)
            .build();
    QualityReport q = Fidelity.compare(real, synthetic).quality();
    // synthetic cells (a,x) (a,-) (b,y) (b,-) a quarter each against real (a,x) (b,y) a half each:
    // TVD 0.5 (dropping the missing rows, as before, gave 1)
    assertThat(q.pairs().get(0).score()).isCloseTo(0.5, within(1e-15));
    assertThat(q.pairs().get(0).realAssociation()).isCloseTo(1.0, within(1e-12));
    assertThat(q.columnPairTrends()).isCloseTo(0.5, within(1e-15));
    // d's shape drops its missing values: x and y half each on both sides
    assertThat(q.columns().get("d").score()).isEqualTo(1.0);
  }

  @Test
  void aCategorySeenOnlyInTheSyntheticDataCountsOneMillionthOfARealRow() {
    Table real = Table.builder().categorical("c", "a", "a", "b", "b").build();
    Table synthetic = Table.builder().categorical("c", "a", "b", "new", "new").build();
    QualityReport q = Fidelity.compare(real, synthetic).quality();
    double realTotal = 4 + 1e-6;
    double expected =
        1 - 0.5 * (2 * Math.abs(0.25 - 2 / realTotal) + Math.abs(0.5 - 1e-6 / realTotal));
    assertThat(q.columns().get("c").score()).isCloseTo(expected, within(1e-15));
    assertThat(q.columns().get("c").score()).isNotEqualTo(0.5); // plain TV complement
    assertThat(q.columns().get("c").metric()).isEqualTo(QualityReport.ShapeMetric.TV_COMPLEMENT);
  }

  @Test
  void ksComplementRoundsToFourteenDecimalsFirst() {
    Table real = Table.builder().numeric("x", 0.3, 1, 2).build();
    Table synthetic = Table.builder().numeric("x", 0.1 + 0.2, 1, 2).build();
    Fidelity f = Fidelity.compare(real, synthetic);
    // 0.30000000000000004 rounds to 0.3: the same sample, though the plain KS statistic is 1/3
    assertThat(((NumericFidelity) f.columns().get("x")).ks().statistic())
        .isCloseTo(1.0 / 3, within(1e-15));
    assertThat(f.columns().get("x").shapeScore()).isEqualTo(1.0);
  }

  @Test
  void onlyPairsAboveTheRealThresholdsCountButTheUnthresholdedFigureKeepsEveryPair() {
    // x and y uncorrelated in the real data (r = 0 exactly would make the score undefined)
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8};
    double[] y = {2, 1, 2, 1, 1, 2, 1, 2.5};
    double[] z = {1, 2, 3, 4, 5, 6, 8, 7};
    Table real = Table.builder().numeric("x", x).numeric("y", y).numeric("z", z).build();
    Table synthetic =
        Table.builder().numeric("x", x).numeric("y", z).numeric("z", x.clone()).build();
    QualityReport q = Fidelity.compare(real, synthetic).quality();
    QualityReport.PairTrend xy = q.pairs().get(0);
    QualityReport.PairTrend xz = q.pairs().get(1);
    assertThat(Math.abs(xy.realCorrelation())).isLessThan(0.5);
    assertThat(xy.meetsThreshold()).isFalse();
    assertThat(xz.meetsThreshold()).isTrue();
    assertThat(xz.score()).isCloseTo(1 - (1 - xz.realCorrelation()) / 2, within(1e-15));
    double counted =
        q.pairs().stream()
            .filter(QualityReport.PairTrend::meetsThreshold)
            .mapToDouble(QualityReport.PairTrend::score)
            .average()
            .orElseThrow();
    double all =
        q.pairs().stream().mapToDouble(QualityReport.PairTrend::score).average().orElseThrow();
    assertThat(q.columnPairTrends()).isCloseTo(counted, within(1e-15));
    assertThat(q.columnPairTrendsUnthresholded()).isCloseTo(all, within(1e-15));
    assertThat(q.columnPairTrends()).isNotCloseTo(all, within(1e-3));
    assertThat(q.score()).isCloseTo((q.columnShapes() + counted) / 2, within(1e-15));
  }

  @Test
  void aColumnWithOneValueOrAnEmptySideLeavesItsFiguresUndefinedAndOutOfTheMeans() {
    Table real =
        Table.builder()
            .numeric("x", 1, 2, 3, 4)
            .numeric("k", 7, 7, 7, Double.NaN)
            .categorical("c", null, null, null, null)
            .build();
    Table synthetic =
        Table.builder()
            .numeric("x", 1, 2, 3, 5)
            .numeric("k", 7, 8, 7, 7)
            .categorical("c", "a", "b", "a", "b")
            .build();
    QualityReport q = Fidelity.compare(real, synthetic).quality();
    assertThat(q.columns().get("c").score()).isNaN();
    assertThat(q.pairs().get(0).score()).isNaN(); // x|k: k has a single real value
    assertThat(q.pairs().get(0).meetsThreshold()).isFalse();
    // shapes: x 0.75, k: real {7, 7, 7} vs synthetic {7, 8, 7, 7}: KS 0.25
    assertThat(q.columnShapes()).isCloseTo(0.75, within(1e-15));
  }
}
