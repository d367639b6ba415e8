package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/** Fidelity, drift and privacy on small tables whose answers are known. */
class DatasetFiguresTest {

  private static Table table(double[] x, String[] c) {
    return Table.builder().numeric("x", x).categorical("c", c).build();
  }

  private static double[] range(int n, double offset) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i + offset;
    }
    return x;
  }

  private static String[] cycle(int n, String... levels) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = levels[i % levels.length];
    }
    return out;
  }

  @Test
  void aTableComparedWithItselfScoresPerfectly() {
    Table t =
        Table.builder()
            .numeric("x", range(50, 0))
            .numeric("y", range(50, 3))
            .categorical("c", cycle(50, "a", "b", "c"))
            .build();
    Fidelity f = Fidelity.compare(t, t);
    assertThat(f.qualityScore()).isCloseTo(1.0, within(1e-12));
    assertThat(f.correlationSimilarity()).isCloseTo(1.0, within(1e-12));
    assertThat(f.contingencySimilarity()).isCloseTo(1.0, within(1e-12));
    assertThat(f.frechetDistance()).isCloseTo(0, within(1e-9));
  }

  @Test
  void qualityDropsWhenMarginalsDiffer() {
    Table real = table(range(100, 0), cycle(100, "a", "b"));
    Table synthetic = table(range(100, 50), cycle(100, "a", "a", "a", "b"));
    Fidelity f = Fidelity.compare(real, synthetic);
    // KS 0.5 on x (shape 0.5), TV 0.25 on c (shape 0.75); one mixed pair
    assertThat(f.columns().get("x").shapeScore()).isCloseTo(0.5, within(1e-12));
    assertThat(f.columns().get("c").shapeScore()).isCloseTo(0.75, within(1e-12));
    assertThat(f.qualityScore()).isLessThan(0.75);
  }

  @Test
  void pairTrendScoresAreThePairsBehindTheQualityScore() {
    Table real =
        Table.builder()
            .numeric("x", range(60, 0))
            .numeric("y", range(60, 3))
            .categorical("c", cycle(60, "a", "b", "c"))
            .build();
    double[] reversed = range(60, 0);
    for (int i = 0; i < 60; i++) {
      reversed[i] = 59 - i;
    }
    Table synthetic =
        Table.builder()
            .numeric("x", range(60, 0))
            .numeric("y", reversed)
            .categorical("c", cycle(60, "a", "a", "b"))
            .build();
    Fidelity f = Fidelity.compare(real, synthetic);
    double[][] s = f.pairTrendScores(real.schema().names());
    assertThat(s).hasDimensions(3, 3);
    // x and y: correlation 1 in the real rows, -1 in the synthetic ones: similarity 1 - 2/2 = 0
    assertThat(s[0][1]).isCloseTo(0.0, within(1e-12));
    assertThat(s[1][0]).isEqualTo(s[0][1]);
    assertThat(s[0][0]).isNaN();
    assertThat(s[0][2]).isCloseTo(s[2][0], within(0.0)).isBetween(0.0, 1.0);
    // the matrix holds every pair's score; SDMetrics' pre-0.27 pair trends are their plain mean
    double pairs = (s[0][1] + s[0][2] + s[1][2]) / 3;
    assertThat(f.quality().columnPairTrendsUnthresholded()).isCloseTo(pairs, within(1e-12));
  }

  @Test
  void contingencyOfBinnedNumbers() {
    int[] bins = Contingency.bins(new double[] {0, 0.05, 1, 10, -5, Double.NaN}, 0, 1);
    assertThat(bins).containsExactly(0, 0, 9, 9, 0, -1);
    int[] a = {0, 0, 1, 1};
    int[] b = {0, 1, 0, 1};
    assertThat(Contingency.similarity(a, b, a, b)).isEqualTo(1.0);
    // all synthetic mass on one of the four real cells: TVD = 0.75
    assertThat(Contingency.similarity(a, b, new int[] {0, 0}, new int[] {0, 0}))
        .isCloseTo(0.25, within(1e-15));
    // codes this large make a table of 2.25 million cells: counted in a map, same figure
    int[] wideA = {0, 0, 1200, 1200};
    int[] wideB = {0, 1500, 0, 1500};
    assertThat(Contingency.similarity(wideA, wideB, new int[] {0, 0}, new int[] {0, 0}))
        .isCloseTo(0.25, within(1e-15));
    assertThat(Contingency.similarity(wideA, wideB, wideA, wideB)).isEqualTo(1.0);
  }

  @Test
  void smallSamplesUseKsAndChiSquare() {
    Table ref = table(range(200, 0), cycle(200, "a", "b"));
    Drift none = Drift.of(ref, ref, Drift.Options.defaults());
    assertThat(none.columns().get("x").test()).isEqualTo(Drift.Test.KS);
    assertThat(none.columns().get("c").test()).isEqualTo(Drift.Test.CHI_SQUARE);
    assertThat(none.shareDrifted()).isZero();
    assertThat(none.datasetDrift()).isFalse();

    Drift shifted =
        Drift.of(ref, table(range(200, 100), cycle(200, "a")), Drift.Options.defaults());
    assertThat(shifted.columns().get("x").drifted()).isTrue();
    assertThat(shifted.columns().get("c").drifted()).isTrue();
    assertThat(shifted.datasetDrift()).isTrue();
  }

  @Test
  void largeSamplesUseNormalizedWassersteinAndJensenShannon() {
    Table ref = table(range(2000, 0), cycle(2000, "a", "b"));
    // shift of 100 against a std of about 577: 0.17 >= 0.1
    Drift d =
        Drift.of(ref, table(range(2000, 100), cycle(2000, "a", "b")), Drift.Options.defaults());
    Drift.ColumnDrift x = d.columns().get("x");
    assertThat(x.test()).isEqualTo(Drift.Test.WASSERSTEIN);
    double std = Math.sqrt((2000.0 * 2000 - 1) / 12);
    assertThat(x.statistic()).isCloseTo(100 / std, within(1e-9));
    assertThat(x.drifted()).isTrue();
    assertThat(d.columns().get("c").test()).isEqualTo(Drift.Test.JENSEN_SHANNON);
    assertThat(d.columns().get("c").drifted()).isFalse();
    assertThat(d.shareDrifted()).isEqualTo(0.5);
    assertThat(d.datasetDrift()).isTrue();
  }

  @Test
  void aForcedNumericTestLeavesCategoricalColumnsTheirDefault() {
    Table ref = table(range(200, 0), cycle(200, "a", "b"));
    Drift small = Drift.of(ref, ref, Drift.Options.defaults().withTest(Drift.Test.WASSERSTEIN));
    assertThat(small.columns().get("x").test()).isEqualTo(Drift.Test.WASSERSTEIN);
    assertThat(small.columns().get("c").test()).isEqualTo(Drift.Test.CHI_SQUARE);

    Table big = table(range(2000, 0), cycle(2000, "a", "b"));
    Drift large = Drift.of(big, big, Drift.Options.defaults().withTest(Drift.Test.KS));
    assertThat(large.columns().get("x").test()).isEqualTo(Drift.Test.KS);
    assertThat(large.columns().get("c").test()).isEqualTo(Drift.Test.JENSEN_SHANNON);

    // a categorical test takes numeric columns as levels
    Drift levels = Drift.of(ref, ref, Drift.Options.defaults().withTest(Drift.Test.CHI_SQUARE));
    assertThat(levels.columns().get("x").test()).isEqualTo(Drift.Test.CHI_SQUARE);
  }

  @Test
  void bonferroniDividesThePValueThreshold() {
    Table ref = table(range(100, 0), cycle(100, "a", "b"));
    Drift d = Drift.of(ref, ref, Drift.Options.defaults().withBonferroni(true));
    assertThat(d.columns().get("x").threshold()).isEqualTo(0.025);
  }

  @Test
  void privacyOfCopiesAndOfDistantRows() {
    Table real = table(range(100, 0), cycle(100, "a", "b"));
    Privacy copies = Privacy.of(real, real, 5000, Seed.of(1));
    assertThat(copies.exactCopyShare()).isEqualTo(1.0);
    assertThat(copies.dcrMedian()).isZero();
    assertThat(copies.dcrBaselineProtection()).isZero();

    Table far = table(range(100, 1000), cycle(100, "z"));
    Privacy distant = Privacy.of(real, far, 5000, Seed.of(1));
    assertThat(distant.exactCopyShare()).isZero();
    // every cell is as far as it can be: numeric capped at 1, categorical 1
    assertThat(distant.dcrMedian()).isEqualTo(1.0);
    assertThat(distant.dcrBaselineProtection()).isEqualTo(1.0);
  }

  @Test
  void privacySubsamplesWithTheSeed() {
    Table real = table(range(300, 0), cycle(300, "a", "b"));
    Privacy a = Privacy.of(real, real, 50, Seed.of(3));
    Privacy b = Privacy.of(real, real, 50, Seed.of(3));
    assertThat(a.realRows()).isEqualTo(50);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void overfittingProtectionSeesCopiesOfTheTrainingRows() {
    Table train = table(range(100, 0), cycle(100, "a", "b"));
    Table holdout = table(range(100, 0.5), cycle(100, "b", "a"));
    DcrOverfitting copies = DcrOverfitting.of(train, holdout, train, 5000, Seed.of(1));
    // every synthetic row is a training row (distance 0) and no holdout row is one
    assertThat(copies.closerToTraining()).isEqualTo(1.0);
    assertThat(copies.score()).isZero();
    // rows halfway between: as close to one side as to the other, so never strictly closer
    Table between = table(range(100, 0.25), cycle(100, "c"));
    DcrOverfitting fair = DcrOverfitting.of(train, holdout, between, 5000, Seed.of(1));
    assertThat(fair.score()).isEqualTo(1.0);
  }
}
