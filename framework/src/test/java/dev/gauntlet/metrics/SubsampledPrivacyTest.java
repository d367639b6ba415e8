package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.data.TablePair;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/** Privacy figures on a subsample agree with each other: copies are the rows at distance 0. */
class SubsampledPrivacyTest {

  private static Table table(int n) {
    double[] x = new double[n];
    String[] c = new String[n];
    for (int i = 0; i < n; i++) {
      x[i] = i * 0.37;
      c[i] = i % 3 == 0 ? "a" : "b";
    }
    return Table.builder().numeric("x", x).categorical("c", c).build();
  }

  @Test
  void aTableComparedWithItselfUnderASubsampleIsComparedRowForRow() {
    Table t = table(500);
    for (long seed = 0; seed < 5; seed++) {
      // independent draws of 200 of 500 rows a side gave a median distance above 0
      Privacy p = Privacy.of(t, t, 200, Seed.of(seed));
      assertThat(p.realRows()).isEqualTo(200);
      assertThat(p.exactCopyShare()).isEqualTo(1.0);
      assertThat(p.comparedCopyShare()).isEqualTo(1.0);
      assertThat(p.dcrMedian()).as("seed " + seed).isZero();
      TablePair pair = Privacy.subsamples(t, t, 200, Seed.of(seed));
      assertThat(pair.synthetic()).isEqualTo(pair.real());
    }
  }

  @Test
  void theComparedCopyShareCountsTheRowsAtDistanceZero() {
    Table real = table(300);
    // every other row of the real table, the rest moved far away
    double[] x = new double[300];
    for (int i = 0; i < 300; i++) {
      x[i] = i % 2 == 0 ? i * 0.37 : 1e6 + i;
    }
    Table synth = real.withColumn(real.schema().spec("x"), dev.gauntlet.data.NumericColumn.of(x));
    Privacy p = Privacy.of(real, synth, 100, Seed.of(3));
    assertThat(p.exactCopyShare()).isEqualTo(0.5);
    TablePair pair = Privacy.subsamples(real, synth, 100, Seed.of(3));
    RowDistances d = RowDistances.to(pair.real());
    double[] dcr = d.closest(d.encode(pair.synthetic()));
    long zero = java.util.Arrays.stream(dcr).filter(v -> v == 0).count();
    assertThat(p.comparedCopyShare()).isEqualTo(zero / 100.0);
    // same row numbers on both sides: each kept copy finds its real row in the subsample
    long kept =
        java.util.Arrays.stream(pair.synthetic().numeric("x").values())
            .filter(v -> v < 1e6)
            .count();
    assertThat(zero).isEqualTo(kept).isPositive();
  }
}
