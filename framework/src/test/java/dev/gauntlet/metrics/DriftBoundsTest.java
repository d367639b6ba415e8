package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Drift's choices at their bounds, where an off-by-one changes the test or the verdict: Evidently
 * switches from KS / chi-square to Wasserstein / Jensen-Shannon above 1,000 reference rows, treats
 * a numeric column with more than 5 distinct values as continuous, and calls the dataset drifted
 * when at least half its columns drift (these boundaries survived mutation testing).
 */
class DriftBoundsTest {

  private static double[] ramp(int n, int distinct) {
    return IntStream.range(0, n).mapToDouble(i -> i % distinct).toArray();
  }

  @Test
  void aThousandReferenceRowsAreStillASmallSample() {
    Table ref1000 = Table.builder().numeric("x", ramp(1000, 100)).build();
    Table ref1001 = Table.builder().numeric("x", ramp(1001, 100)).build();
    Table current = Table.builder().numeric("x", ramp(300, 100)).build();
    Drift small = Drift.of(ref1000, current, Drift.Options.defaults());
    Drift large = Drift.of(ref1001, current, Drift.Options.defaults());
    assertThat(small.columns().get("x").test()).isEqualTo(Drift.Test.KS);
    assertThat(large.columns().get("x").test()).isEqualTo(Drift.Test.WASSERSTEIN);
    assertThat(small.columns().get("x").forced()).isFalse();
  }

  @Test
  void sixDistinctValuesMakeAColumnContinuous() {
    Table five = Table.builder().numeric("x", ramp(200, 5)).build();
    Table six = Table.builder().numeric("x", ramp(200, 6)).build();
    assertThat(Drift.of(five, five, Drift.Options.defaults()).columns().get("x").test())
        .isEqualTo(Drift.Test.CHI_SQUARE);
    assertThat(Drift.of(six, six, Drift.Options.defaults()).columns().get("x").test())
        .isEqualTo(Drift.Test.KS);
  }

  @Test
  void halfTheColumnsDriftedIsDatasetDrift() {
    double[] shifted = Arrays.stream(ramp(200, 50)).map(v -> v + 40).toArray();
    Table ref = Table.builder().numeric("a", ramp(200, 50)).numeric("b", ramp(200, 50)).build();
    Table cur = Table.builder().numeric("a", shifted).numeric("b", ramp(200, 50)).build();
    Drift d = Drift.of(ref, cur, Drift.Options.defaults());
    assertThat(d.columns().get("a").drifted()).isTrue();
    assertThat(d.columns().get("b").drifted()).isFalse();
    assertThat(d.shareDrifted()).isEqualTo(0.5);
    assertThat(d.datasetDrift()).isTrue();
    assertThat(d.count(Drift.Verdict.DRIFTED)).isEqualTo(1);
    assertThat(d.count(Drift.Verdict.NOT_DRIFTED)).isEqualTo(1);
    assertThat(d.count(Drift.Verdict.UNDETERMINED)).isZero();
  }

  @Test
  void onlyKsAndWassersteinAreForNumbersOnly() {
    assertThat(Drift.Test.KS.numericOnly()).isTrue();
    assertThat(Drift.Test.WASSERSTEIN.numericOnly()).isTrue();
    assertThat(Drift.Test.CHI_SQUARE.numericOnly()).isFalse();
    assertThat(Drift.Test.JENSEN_SHANNON.numericOnly()).isFalse();
  }
}
