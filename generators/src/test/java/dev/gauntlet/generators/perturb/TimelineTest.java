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

  static double[] sev(Timeline t) {
    double[] out = new double[t.batches()];
    for (int i = 0; i < out.length; i++) {
      out[i] = t.severity(i);
    }
    return out;
  }
}
