package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockTest {
  @Test
  void workTimedInsideOtherWorkCountsOnceForTheOuterKind() {
    Clock clock = new Clock();
    int v = clock.time("fit", () -> clock.time("predict", () -> 7));
    assertThat(v).isEqualTo(7);
    // counted twice, the engine's overhead (wall minus work) would come out too small
    assertThat(clock.seconds()).containsOnlyKeys("fit");
    clock.time("predict", () -> 1);
    assertThat(clock.seconds()).containsOnlyKeys("fit", "predict");
  }

  @Test
  void aFailingPieceOfWorkStillEndsItsTiming() {
    Clock clock = new Clock();
    try {
      clock.time(
          "perturb",
          () -> {
            throw new IllegalStateException("boom");
          });
    } catch (IllegalStateException expected) {
      // the next piece of work is timed on its own
    }
    clock.time("metrics", () -> 1);
    assertThat(clock.seconds()).containsOnlyKeys("perturb", "metrics");
  }
}
