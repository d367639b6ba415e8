package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Registry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {
  @Test
  void severityFollowsThePattern() {
    assertThat(sev(new Timeline(Timeline.Pattern.SUDDEN, 6, 10, 3, 1)))
        .containsExactly(0, 0, 0, 1, 1, 1);
    assertThat(sev(new Timeline(Timeline.Pattern.GRADUAL, 6, 10, 2, 1)))
        .containsExactly(0, 0, 0.25, 0.5, 0.75, 1);
    assertThat(sev(new Timeline(Timeline.Pattern.RECURRING, 7, 10, 1, 2)))
        .containsExactly(0, 1, 1, 0, 0, 1, 1);
  }

  @Test
  void aSuddenShiftMovesTheMeanOfLaterBatches() {
    var shift =
        Registry.perturbations()
            .get("covariate-shift")
            .create(Map.of("column", "age", "shift", "2"));
    Table credit = Data.creditG();
    double sd = Domain.meanStd(credit.numeric("age"))[1];
    List<Table> batches =
        new Timeline(Timeline.Pattern.SUDDEN, 6, 500, 3, 1).generate(credit, shift, Seed.of(1));
    assertThat(batches).hasSize(6);
    double before = Domain.meanStd(batches.get(2).numeric("age"))[0];
    double after = Domain.meanStd(batches.get(3).numeric("age"))[0];
    // Two batch means of 500 rows differ by sd * sqrt(2/500) = 0.063 sd by chance; the shift is 2
    // sd.
    assertThat((after - before) / sd).isBetween(1.7, 2.3);
    assertThat(
            new Timeline(Timeline.Pattern.SUDDEN, 6, 500, 3, 1).generate(credit, shift, Seed.of(1)))
        .isEqualTo(batches);
  }

  @Test
  void edgesOfThePatternsAndOfTheSettings() {
    // a gradual change at the last batch is complete there (not 1 / 1 of a ramp of zero length)
    assertThat(sev(new Timeline(Timeline.Pattern.GRADUAL, 4, 10, 3, 1)))
        .containsExactly(0, 0, 0, 1);
    // a change at batch 0 drifts the first batch already; a period of 1 alternates every batch
    assertThat(sev(new Timeline(Timeline.Pattern.RECURRING, 4, 10, 0, 1)))
        .containsExactly(1, 0, 1, 0);
    for (int[] bad :
        new int[][] {{0, 10, 0, 1}, {3, 0, 0, 1}, {3, 10, 0, 0}, {3, 10, -1, 1}, {3, 10, 3, 1}}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> new Timeline(Timeline.Pattern.SUDDEN, bad[0], bad[1], bad[2], bad[3]))
          .as(java.util.Arrays.toString(bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    new Timeline(Timeline.Pattern.SUDDEN, 3, 1, 2, 1); // the smallest valid settings
    var none = Registry.perturbations().get("gaussian-noise").create(Map.of());
    List<Table> batches =
        new Timeline(Timeline.Pattern.SUDDEN, 3, 7, 2, 1)
            .generate(Data.creditG(), none, Seed.of(2));
    assertThat(batches).extracting(Table::rowCount).containsExactly(7, 7, 7);
  }

  static double[] sev(Timeline t) {
    double[] out = new double[t.batches()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.severity(i);
    }
    return out;
  }
}
