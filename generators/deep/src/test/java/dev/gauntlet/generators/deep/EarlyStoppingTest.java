package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Early stopping on the held-out rows (issue 19): the checks, the stop and the kept weights. */
class EarlyStoppingTest {
  private static final Seed SEED = Seed.of(19);

  @Test
  void checkpointsKeepTheBestWeightsAndStopAfterPatienceChecksWithoutImprovement() {
    Checkpoints checks = new Checkpoints(2);
    List<Integer> copied = new ArrayList<>();
    assertThat(checks.record(5.0, 10, () -> weights(copied, 10))).isFalse();
    assertThat(checks.record(4.0, 20, () -> weights(copied, 20))).isFalse();
    // worse, then no better by more than 1e-4 of the best: two stale checks stop training
    assertThat(checks.record(4.5, 30, () -> weights(copied, 30))).isFalse();
    assertThat(checks.record(4.0 - 1e-5, 40, () -> weights(copied, 40))).isTrue();
    assertThat(copied).containsExactly(10, 20);
    assertThat(checks.bestStep()).isEqualTo(20);
    assertThat(checks.best()).isEqualTo(4.0);
    assertThat(checks.bestWeights().get("w")).containsExactly(20f);
    // patience 0 never stops, and still keeps the best
    Checkpoints all = new Checkpoints(0);
    for (int i = 0; i < 50; i++) {
      assertThat(all.record(i == 3 ? 1 : 2, i, () -> weights(copied, 0))).isFalse();
    }
    assertThat(all.bestStep()).isEqualTo(3);
  }

  private static Params weights(List<Integer> copied, int step) {
    copied.add(step);
    Params p = new Params();
    p.put("w", new float[] {step}, 1);
    return p;
  }

  @Test
  void heldOutRowsAreASeededShareAndNoneWhenTooFew() {
    Table data = DataTransformTest.telcoWithMissing(400);
    var a = Validation.split(data, 0.1, SEED);
    assertThat(a.test().rowCount()).isEqualTo(40);
    assertThat(a.train().rowCount()).isEqualTo(360);
    var b = Validation.split(data, 0.1, SEED);
    assertThat(b.test().numeric("tenure").values()).isEqualTo(a.test().numeric("tenure").values());
    // 0.1 of 40 rows would hold out 4, below the 5 a check needs: all rows train
    Table small = data.take(java.util.stream.IntStream.range(0, 40).toArray());
    assertThat(Validation.split(small, 0.1, SEED).train().rowCount()).isEqualTo(40);
    assertThat(Validation.split(data, 0, SEED).test().rowCount()).isZero();
  }

  /**
   * With patience 1, training stops at the first check that is no better than the one before; the
   * weights kept are those of that earlier check, so they equal the weights of a run trained to
   * exactly that step (its checks are the same, and improved every time, so its best is its last).
   * Checks every 8 steps of 4 a pass (360 training rows in batches of 90), so a stop falls at the
   * end of a pass, which the listener did not report.
   */
  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void aStoppedRunKeepsTheWeightsOfItsBestCheck(String name) {
    Table data = DataTransformTest.telcoWithMissing(400);
    Map<String, String> params = new HashMap<>();
    params.put("batch-size", "90");
    params.put("hidden", "32");
    params.put("embedding", "16");
    params.put("progress", "false");
    params.put("check-every", "8");
    params.put("patience", "1");
    params.put("steps", "4000");
    List<TrainingListener.Epoch> epochs = new ArrayList<>();
    DeepGenerator stopped = (DeepGenerator) provider(name, epochs).fit(data, params, SEED);
    int passes = epochs.size();
    assertThat(passes).as("passes before the stop").isLessThan(1000);
    int bestStep = (passes + 1) * 4 - 8;
    assertThat(bestStep).isPositive();
    params.put("steps", Integer.toString(bestStep));
    params.put("patience", "0");
    List<TrainingListener.Epoch> shorter = new ArrayList<>();
    DeepGenerator exact = (DeepGenerator) provider(name, shorter).fit(data, params, SEED);
    assertThat(shorter).hasSize(bestStep / 4);
    for (Map.Entry<String, float[]> w : exact.params().values().entrySet()) {
      assertThat(stopped.params().get(w.getKey())).as(w.getKey()).isEqualTo(w.getValue());
    }
  }

  private static DeepProvider provider(String name, List<TrainingListener.Epoch> epochs) {
    return name.equals("vae") ? new VaeProvider(epochs::add) : new GanProvider(epochs::add);
  }
}
