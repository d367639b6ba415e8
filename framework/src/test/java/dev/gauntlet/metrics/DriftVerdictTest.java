package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.DateTimeFormat;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Drift's verdicts where a test cannot decide, and the figures it reports under their names. */
class DriftVerdictTest {

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

  private static double[] missing(int n) {
    double[] x = new double[n];
    Arrays.fill(x, Double.NaN);
    return x;
  }

  @Test
  void aColumnAllMissingOnOneSideIsUndeterminedWithTheReason() {
    for (int n : new int[] {200, 2000}) { // KS / chi-square, and Wasserstein / Jensen-Shannon
      Table ref = Table.builder().numeric("x", range(n, 0)).categorical("c", cycle(n, "a")).build();
      Table cur =
          Table.builder()
              .numeric("x", missing(n))
              .categorical("c", new String[n]) // every level missing
              .build();
      Drift d = Drift.of(ref, cur, Drift.Options.defaults());
      for (String column : new String[] {"x", "c"}) {
        Drift.ColumnDrift c = d.columns().get(column);
        assertThat(c.verdict()).as(column + " at " + n).isEqualTo(Drift.Verdict.UNDETERMINED);
        assertThat(c.drifted()).isFalse();
        assertThat(c.reason()).isEqualTo("no value in the current table (all missing)");
      }
      assertThat(d.count(Drift.Verdict.UNDETERMINED)).isEqualTo(2);
      assertThat(d.shareDrifted()).isZero();

      Drift reversed = Drift.of(cur, ref, Drift.Options.defaults());
      assertThat(reversed.columns().get("x").reason())
          .isEqualTo("no value in the reference table (all missing)");
    }
  }

  @Test
  void aColumnOfDifferentTypesIsAUserErrorNamingTheColumnAndBothTypes() {
    Table numeric = Table.builder().numeric("age", range(10, 0)).build();
    Table text = Table.builder().categorical("age", cycle(10, "young", "old")).build();
    assertThatThrownBy(() -> Drift.of(numeric, text, Drift.Options.defaults()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("column \"age\"")
        .hasMessageContaining("numeric in the reference table, categorical in the current one");
    assertThatThrownBy(() -> Drift.of(text, numeric, Drift.Options.defaults()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("categorical in the reference table, numeric in the current one");
    // a date column is a NumericColumn of epoch seconds, but its type is datetime, not numeric
    Table dates =
        Table.builder()
            .add(ColumnSpec.datetime("age", DateTimeFormat.DATE), NumericColumn.of(range(10, 0)))
            .build();
    assertThatThrownBy(() -> Drift.of(dates, text, Drift.Options.defaults()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("datetime in the reference table, categorical in the current one");
  }

  @Test
  void statisticAndPValueAreReportedUnderTheirOwnNames() {
    Table ref =
        Table.builder().numeric("x", range(200, 0)).categorical("c", cycle(200, "a", "b")).build();
    Table cur =
        Table.builder().numeric("x", range(200, 100)).categorical("c", cycle(200, "a")).build();
    Drift d = Drift.of(ref, cur, Drift.Options.defaults());
    Drift.ColumnDrift x = d.columns().get("x");
    assertThat(x.test()).isEqualTo(Drift.Test.KS);
    // the empirical CDFs of 0..199 and 100..299 are 0.5 apart from 99 to 199
    assertThat(x.statistic()).isCloseTo(0.5, within(1e-12));
    assertThat(x.pValue()).isEqualTo(KsTest.of(range(200, 0), range(200, 100)).pValue());
    assertThat(x.pValue()).isLessThan(1e-20);
    assertThat(x.decisive()).isEqualTo(x.pValue());
    Drift.ColumnDrift c = d.columns().get("c");
    assertThat(c.test()).isEqualTo(Drift.Test.CHI_SQUARE);
    // current 200 a, 0 b against expected 100, 100: (100^2 + 100^2) / 100
    assertThat(c.statistic()).isCloseTo(200, within(1e-9));
    assertThat(c.pValue()).isLessThan(1e-40);
    assertThat(c.verdict()).isEqualTo(Drift.Verdict.DRIFTED);

    Drift big =
        Drift.of(
            Table.builder().numeric("x", range(2000, 0)).build(),
            Table.builder().numeric("x", range(2000, 0)).build(),
            Drift.Options.defaults());
    assertThat(big.columns().get("x").pValue()).isNaN(); // a distance has no p-value
    assertThat(big.columns().get("x").verdict()).isEqualTo(Drift.Verdict.NOT_DRIFTED);
  }

  @Test
  void forcedTestsAndBonferroniSayWhatTheyAppliedTo() {
    Table big =
        Table.builder()
            .numeric("x", range(2000, 0))
            .categorical("c", cycle(2000, "a", "b"))
            .build();
    Drift ks = Drift.of(big, big, Drift.Options.defaults().withTest(Drift.Test.KS));
    assertThat(ks.columns().get("x").forced()).isTrue();
    assertThat(ks.columns().get("c").forced()).isFalse();
    assertThat(ks.columnsTestedWith(Drift.Test.JENSEN_SHANNON)).containsExactly("c");

    Drift bonferroni = Drift.of(big, big, Drift.Options.defaults().withBonferroni(true));
    assertThat(bonferroni.pValueThreshold()).isEqualTo(0.025);
    // with the large-sample defaults no column has a p-value: the correction changes nothing
    assertThat(bonferroni.columns().values()).noneMatch(c -> c.test().isPValue());
  }
}
