package dev.gauntlet.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Quantiles;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class WeakSegmentsTest {
  private static final Seed SEED = Seed.of(20261126);
  private static final int ROWS = 4000;

  /**
   * Columns a (levels w, x, y, z, and "rare" on about 2 % of rows), b uniform on [0, 1), c
   * Gaussian, d (p or q), and a random 0/1 label y.
   */
  private static Table planted() {
    UniformRandomProvider rng = SEED.rng("weak-segments-data", 0);
    String[] a = new String[ROWS];
    double[] b = new double[ROWS];
    double[] c = new double[ROWS];
    String[] d = new String[ROWS];
    String[] y = new String[ROWS];
    String[] levels = {"w", "x", "y", "z"};
    for (int r = 0; r < ROWS; r++) {
      a[r] = rng.nextDouble() < 0.02 ? "rare" : levels[rng.nextInt(4)];
      b[r] = rng.nextDouble();
      c[r] = rng.nextDouble() + rng.nextDouble() - 1;
      d[r] = rng.nextBoolean() ? "p" : "q";
      y[r] = rng.nextBoolean() ? "1" : "0";
    }
    return Table.builder()
        .categorical("a", a)
        .numeric("b", b)
        .numeric("c", c)
        .categorical("d", d)
        .categorical("y", y)
        .role("y", ColumnRole.LABEL)
        .build();
  }

  private static double topQuartileCut(Table table) {
    return Quantiles.cuts(table.numeric("b").values(), 4)[2];
  }

  /**
   * Wrong where a = x and b is in its top quartile (about 6 % of rows), where a = rare (about 2 %),
   * and on a seeded 10 % of the other rows.
   */
  private static Classifier plantedModel(Table table) {
    double cut = topQuartileCut(table);
    boolean[] background = new boolean[table.rowCount()];
    UniformRandomProvider rng = SEED.rng("weak-segments-background", 0);
    for (int r = 0; r < background.length; r++) {
      background[r] = rng.nextDouble() < 0.1;
    }
    return TestModels.wrongWhere(
        "y",
        table,
        t -> {
          CategoricalColumn a = t.categorical("a");
          NumericColumn b = t.numeric("b");
          return r ->
              background[r]
                  || "rare".equals(a.level(r))
                  || ("x".equals(a.level(r)) && b.get(r) > cut);
        });
  }

  @Test
  void plantedTwoColumnSegmentIsRankedFirst() {
    Table table = planted();
    WeakSegments.Report report = WeakSegments.withDefaults().find(plantedModel(table), table, "y");

    WeakSegments.Segment first = report.segments().get(0);
    assertThat(first.description())
        .isEqualTo("a = x and b > " + NumberText.format(topQuartileCut(table)));
    assertThat(first.columns()).containsExactly("a", "b");
    assertThat(first.errorRate()).isEqualTo(1.0);
    assertThat(first.errors()).isEqualTo(first.size());
    assertThat((double) first.size() / ROWS).isBetween(0.05, 0.08);
    assertThat(first.overallErrorRate()).isEqualTo(report.overallErrorRate());
    assertThat(first.lift()).isEqualTo(1.0 / report.overallErrorRate());
    // its rows are the rows the description names
    CategoricalColumn a = table.categorical("a");
    NumericColumn b = table.numeric("b");
    double cut = topQuartileCut(table);
    assertThat(first.slice())
        .isEqualTo(
            Slice.of(
                first.description(), maskOf(ROWS, r -> "x".equals(a.level(r)) && b.get(r) > cut)));

    assertThat(report.segments()).hasSize(WeakSegments.DEFAULT_TOP);
    assertThat(report.segments())
        .extracting(WeakSegments.Segment::errorRate)
        .isSortedAccordingTo((p, q) -> Double.compare(q, p))
        .allSatisfy(e -> assertThat(e).isGreaterThan(report.overallErrorRate()));
  }

  @Test
  void segmentsUnderTheMinimumShareAreNeverReported() {
    Table table = planted();
    Classifier model = plantedModel(table);
    // "a = rare" (about 2 % of rows, all wrong) is the weakest segment of all...
    WeakSegments.Report loose =
        WeakSegments.withDefaults().withMinShare(0.01).find(model, table, "y");
    assertThat(loose.segments().get(0).description()).isEqualTo("a = rare");
    assertThat(loose.segments().get(0).errorRate()).isEqualTo(1.0);
    // ...but under the default 5 % it and every conjunction with it are left out
    for (double minShare : new double[] {0.05, 0.1, 0.3}) {
      WeakSegments.Report report =
          WeakSegments.withDefaults().withMinShare(minShare).withTop(1000).find(model, table, "y");
      assertThat(report.segments())
          .isNotEmpty()
          .allSatisfy(
              s -> {
                assertThat((double) s.size() / ROWS).isGreaterThanOrEqualTo(minShare);
                assertThat(s.description()).doesNotContain("rare");
              });
    }
  }

  @Test
  void sameInputSameReportAndTiesByDescription() {
    Table table = planted();
    Classifier model = plantedModel(table);
    WeakSegments search = WeakSegments.withDefaults().withTop(50);
    WeakSegments.Report one = search.find(model, table, "y");
    assertThat(search.find(model, table, "y")).isEqualTo(one);
    List<WeakSegments.Segment> s = one.segments();
    for (int i = 1; i < s.size(); i++) {
      if (s.get(i).errorRate() == s.get(i - 1).errorRate()) {
        assertThat(s.get(i).description()).isGreaterThan(s.get(i - 1).description());
      }
    }
  }

  @Test
  void aConjunctionThatAddsNothingToItsConditionIsNotReported() {
    // b is "big" exactly where a = x: "a = x and b = big" is the same rows as "a = x"
    Table table =
        Table.builder()
            .categorical("a", "x", "x", "w", "w", "w", "w", "w", "w", "w", "w")
            .categorical("b", "big", "big", "s", "s", "s", "s", "s", "s", "s", "s")
            .categorical("y", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0")
            .role("y", ColumnRole.LABEL)
            .build();
    Classifier model = TestModels.wrongWhere("y", table, t -> r -> r < 2);
    WeakSegments.Report report = WeakSegments.withDefaults().find(model, table, "y");
    assertThat(report.segments())
        .extracting(WeakSegments.Segment::description)
        .containsExactly("a = x", "b = big");
  }

  @Test
  void aModelThatNeverErrsHasNoWeakSegments() {
    Table table = planted();
    Classifier model = TestModels.wrongWhere("y", table, t -> r -> false);
    WeakSegments.Report report = WeakSegments.withDefaults().find(model, table, "y");
    assertThat(report.overallErrorRate()).isZero();
    assertThat(report.segments()).isEmpty();
    assertThat(report.candidates()).isPositive();
  }

  /**
   * 3,000 rows by 20 columns (10 numeric, 10 categorical of 4 levels, 5 % missing each): about
   * 3,000 candidate segments, all examined (the search took 72 ms when written).
   */
  @Test
  void searchesThousandsOfCandidatesOnTwentyColumns() {
    int rows = 3000;
    UniformRandomProvider rng = SEED.rng("weak-segments-speed", 0);
    Table.Builder builder = Table.builder();
    for (int c = 0; c < 10; c++) {
      double[] v = new double[rows];
      String[] k = new String[rows];
      for (int r = 0; r < rows; r++) {
        v[r] = rng.nextDouble() < 0.05 ? Double.NaN : rng.nextDouble();
        k[r] = rng.nextDouble() < 0.05 ? null : "level" + rng.nextInt(4);
      }
      builder.numeric("n" + c, v).categorical("k" + c, k);
    }
    String[] y = new String[rows];
    boolean[] wrong = new boolean[rows];
    for (int r = 0; r < rows; r++) {
      y[r] = rng.nextBoolean() ? "1" : "0";
      wrong[r] = rng.nextDouble() < 0.2;
    }
    Table table =
        builder
            .add(
                ColumnSpec.categorical("y").withRole(ColumnRole.LABEL),
                CategoricalColumn.ofValues(y))
            .build();
    Outcomes outcomes =
        Outcomes.of(TestModels.wrongWhere("y", table, t -> r -> wrong[r]), table, "y");
    List<String> columns = table.schema().names(ColumnRole.FEATURE);
    WeakSegments search = WeakSegments.withDefaults();
    WeakSegments.Report report = search.find(table, outcomes, columns);
    // speed is a benchmark's business, not a unit test's: here only that the search is complete,
    // every candidate counted by a plain row-by-row count (no bitsets) and none left out
    int expected = candidatesCountedRowByRow(table, columns, search);
    assertThat(expected).isGreaterThan(2000);
    assertThat(report.candidates()).isEqualTo(expected);
  }

  /**
   * The candidates the documented rule compares: each condition (group of one column) of at least
   * the minimum share, and each pair of conditions on two columns whose rows reach the share and
   * differ from both conditions' rows.
   */
  private static int candidatesCountedRowByRow(
      Table table, List<String> columns, WeakSegments search) {
    int n = table.rowCount();
    List<int[]> groups = new java.util.ArrayList<>(); // column index, then the group of each row
    List<Integer> sizes = new java.util.ArrayList<>();
    List<Integer> groupIds = new java.util.ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      Grouping g = Grouping.of(table, columns.get(c), search.bins());
      for (int k = 0; k < g.size(); k++) {
        int size = 0;
        for (int r = 0; r < n; r++) {
          size += g.group()[r] == k ? 1 : 0;
        }
        if (size > 0 && (double) size / n >= search.minShare()) {
          int[] column = new int[n + 1];
          column[0] = c;
          System.arraycopy(g.group(), 0, column, 1, n);
          groups.add(column);
          sizes.add(size);
          groupIds.add(k);
        }
      }
    }
    int count = groups.size();
    for (int i = 0; i < groups.size(); i++) {
      for (int j = i + 1; j < groups.size(); j++) {
        if (groups.get(i)[0] == groups.get(j)[0]) {
          continue;
        }
        int both = 0;
        for (int r = 0; r < n; r++) {
          if (groups.get(i)[r + 1] == groupIds.get(i) && groups.get(j)[r + 1] == groupIds.get(j)) {
            both++;
          }
        }
        if (both > 0
            && (double) both / n >= search.minShare()
            && both != sizes.get(i)
            && both != sizes.get(j)) {
          count++;
        }
      }
    }
    return count;
  }

  @Test
  void settingsAreValidated() {
    assertThatThrownBy(() -> new WeakSegments(1.2, 5, 4))
        .hasMessage("min share is not within (0, 1]: 1.2");
    assertThatThrownBy(() -> WeakSegments.withDefaults().withMinShare(0))
        .hasMessage("min share is not within (0, 1]: 0.0");
    assertThatThrownBy(() -> WeakSegments.withDefaults().withTop(0))
        .hasMessage("number of segments to report is not positive: 0");
    assertThatThrownBy(() -> WeakSegments.withDefaults().withBins(0))
        .hasMessage("number of quantile bins is not positive: 0");
  }

  private static boolean[] maskOf(int n, java.util.function.IntPredicate p) {
    boolean[] mask = new boolean[n];
    for (int r = 0; r < n; r++) {
      mask[r] = p.test(r);
    }
    return mask;
  }
}
