package dev.gauntlet.scenario.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.metrics.ClassificationMetrics;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class OutcomeScoresTest {
  static final List<String> ALL = new ArrayList<>(new java.util.TreeSet<>(OutcomeScores.SUPPORTED));

  /** Random rows of k classes; probabilities drawn then normalised, a few tied on purpose. */
  static ClassProbabilities probabilities(int n, int k, UniformRandomProvider rng) {
    double[] flat = new double[n * k];
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int c = 0; c < k; c++) {
        flat[r * k + c] = r % 7 == 0 ? 1 : 0.05 + rng.nextDouble();
        sum += flat[r * k + c];
      }
      for (int c = 0; c < k; c++) {
        flat[r * k + c] /= sum;
      }
    }
    List<String> classes = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      classes.add("c" + c);
    }
    return ClassProbabilities.of(classes, n, flat);
  }

  static int[] truth(ClassProbabilities p, UniformRandomProvider rng) {
    int[] y = new int[p.rows()];
    for (int r = 0; r < y.length; r++) {
      // mostly the most probable class, so the model is better than chance
      y[r] = rng.nextDouble() < 0.7 ? p.argmax(r) : rng.nextInt(p.classCount());
    }
    return y;
  }

  @Test
  void predictedClassMetricsAgreeWithClassificationMetrics() {
    UniformRandomProvider rng = Seed.of(5).rng();
    for (int k : new int[] {2, 3}) {
      ClassProbabilities p = probabilities(200, k, rng);
      int[] y = truth(p, rng);
      ClassificationMetrics m = ClassificationMetrics.of(y, p);
      double[] v =
          OutcomeScores.compute(
              List.of("accuracy", "f1_macro", "precision_weighted", "recall_macro"),
              y,
              p,
              OutcomeScores.Decision.ARGMAX,
              null);
      assertThat(v[0]).isCloseTo(m.accuracy(), within(1e-12));
      assertThat(v[1]).isCloseTo(m.f1Macro(), within(1e-12));
      assertThat(v[2]).isCloseTo(m.precisionWeighted(), within(1e-12));
      assertThat(v[3]).isCloseTo(m.recallMacro(), within(1e-12));
    }
  }

  @Test
  void aThresholdDecidesTheBinaryClass() {
    // rows' positive-class probabilities 0.3, 0.45, 0.6, 0.9; truths 0, 1, 1, 1
    ClassProbabilities p =
        ClassProbabilities.of(
            List.of("no", "yes"), 4, new double[] {0.7, 0.3, 0.55, 0.45, 0.4, 0.6, 0.1, 0.9});
    int[] y = {0, 1, 1, 1};
    List<String> ids = List.of("accuracy", "balanced_accuracy");
    double[] argmax = OutcomeScores.compute(ids, y, p, OutcomeScores.Decision.ARGMAX, null);
    double[] low = OutcomeScores.compute(ids, y, p, new OutcomeScores.Decision(1, 0.4), null);
    assertThat(argmax).containsExactly(0.75, (1 + 2.0 / 3) / 2);
    assertThat(low).containsExactly(1.0, 1.0);
  }

  @Test
  void aResampleOfCountsEqualsTheResampledRowsWrittenOut() {
    UniformRandomProvider rng = Seed.of(9).rng();
    for (int k : new int[] {2, 4}) {
      ClassProbabilities p = probabilities(150, k, rng);
      int[] y = truth(p, rng);
      ResampledScores fast = new ResampledScores(ALL, y, p, OutcomeScores.Decision.ARGMAX);
      int[][] counts = Bootstrap.counts(y.length, 5, Seed.of(k));
      for (int[] c : counts) {
        int[] rows = new int[y.length];
        for (int r = 0, i = 0; r < c.length; r++) {
          for (int j = 0; j < c[r]; j++) {
            rows[i++] = r;
          }
        }
        double[] exact = OutcomeScores.compute(ALL, y, p, OutcomeScores.Decision.ARGMAX, rows);
        double[] weighted = fast.of(c);
        for (int m = 0; m < ALL.size(); m++) {
          // sums in another order: equal up to rounding
          assertThat(weighted[m]).as(ALL.get(m) + " k=" + k).isCloseTo(exact[m], within(1e-9));
        }
      }
      int[] ones = new int[y.length];
      Arrays.fill(ones, 1);
      double[] all = OutcomeScores.compute(ALL, y, p, OutcomeScores.Decision.ARGMAX, null);
      double[] weighted = fast.of(ones);
      for (int m = 0; m < ALL.size(); m++) {
        assertThat(weighted[m]).as(ALL.get(m)).isCloseTo(all[m], within(1e-9));
      }
    }
  }

  @Test
  void intervalsArePercentilesOfTheDefinedResamples() {
    double[] resampled = {Double.NaN, 4, 0, 2, 1, 3};
    var m = Bootstrap.interval(2, resampled, 0.5);
    // defined values 0..4: the 25th and 75th percentiles (type 7) are 1 and 3
    assertThat(m.lo()).isEqualTo(1.0);
    assertThat(m.hi()).isEqualTo(3.0);
    assertThat(Bootstrap.interval(1, new double[] {Double.NaN}, 0.95).hasInterval()).isFalse();
  }
}
