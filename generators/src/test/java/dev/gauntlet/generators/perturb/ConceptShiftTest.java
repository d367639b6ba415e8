package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.stat.Distribution;
import dev.gauntlet.generators.stat.WorldGenerator;
import dev.gauntlet.generators.stat.WorldSpec;
import dev.gauntlet.generators.stat.WorldSpec.Condition;
import dev.gauntlet.generators.stat.WorldSpec.Logistic;
import dev.gauntlet.generators.stat.WorldSpec.Threshold;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code concept-shift} on data of a known world. Statistical checks use 20,000 rows and 4.5
 * standard errors (a false failure about once in 150,000 runs per check); the seeds are fixed, so
 * the tests are deterministic.
 */
class ConceptShiftTest {
  static final int N = 20_000;
  static final List<String> CLASSES = List.of("no", "yes");

  @TempDir Path dir;

  static WorldSpec world(double noise, String truth) {
    return WorldSpec.builder()
        .numeric("x1", new Distribution.Normal(0, 1))
        .numeric("x2", new Distribution.Normal(0, 1))
        .categorical("region", List.of("a", "b"), 0.5, 0.5)
        .label(
            new Logistic(
                "y",
                CLASSES,
                Map.of("x1", 2.0, "x2", -1.0, "region=b", 0.5),
                null,
                0,
                noise,
                null,
                truth))
        .build();
  }

  /** The old world with x1's weight reversed. */
  static Logistic changed(WorldSpec world) {
    Logistic l = (Logistic) world.label();
    return new Logistic(
        "y",
        CLASSES,
        Map.of("x1", -2.0, "x2", -1.0, "region=b", 0.5),
        null,
        0,
        l.noise(),
        null,
        l.truth());
  }

  static Table sample(WorldSpec world, long seed) {
    return WorldGenerator.of(world, Seed.of(1)).sample(Seed.of(seed), N);
  }

  static int[] codes(Table t, String column) {
    CategoricalColumn c = t.categorical(column);
    int[] out = new int[c.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = CLASSES.indexOf(c.level(r));
    }
    return out;
  }

  @Test
  void atSeverityZeroNoLabelChanges() {
    for (WorldSpec w : List.of(world(0, null), world(0.1, null), world(0.2, "y_true"))) {
      Table in = sample(w, 2);
      Perturbation shift = ConceptShift.of(w, changed(w));
      for (long seed = 0; seed < 3; seed++) {
        assertThat(shift.apply(in, 0, Seed.of(seed))).as(w.label().toString()).isEqualTo(in);
      }
    }
  }

  @Test
  void featuresAreUntouchedAndLabelsChangeOnceAlongASweep() {
    WorldSpec w = world(0.1, null);
    Table in = sample(w, 3);
    Perturbation shift = ConceptShift.of(w, changed(w));
    int[] changes = new int[N];
    int[] previous = codes(in, "y");
    for (int i = 1; i <= 10; i++) {
      Table out = shift.apply(in, i / 10.0, Seed.of(5));
      assertThat(out.schema()).isEqualTo(in.schema());
      for (String c : List.of("x1", "x2", "region")) {
        assertThat(out.column(c)).as(c).isEqualTo(in.column(c));
      }
      assertThat(shift.apply(in, i / 10.0, Seed.of(5))).isEqualTo(out);
      int[] now = codes(out, "y");
      for (int r = 0; r < N; r++) {
        changes[r] += now[r] != previous[r] ? 1 : 0;
      }
      previous = now;
    }
    // p_s moves monotonically with s for each row, so a row's label changes at most once
    assertThat(java.util.Arrays.stream(changes).max().orElseThrow()).isEqualTo(1);
    assertThat(java.util.Arrays.stream(changes).sum()).isGreaterThan(N / 5);
  }

  @Test
  void atSeverityOneLabelsAreDistributedAsTheNewRuleDrawsThem() {
    WorldSpec w = world(0, null);
    Logistic after = changed(w);
    Table in = sample(w, 4);
    Table out = ConceptShift.of(w, after).apply(in, 1, Seed.of(6));
    double[] p =
        WorldGenerator.positiveProbability(after, w.columns())
            .apply(in.select("x1", "x2", "region"));
    int[] y = codes(out, "y");
    // in each decile of the new probability, positives match the probabilities' sum
    Integer[] order = new Integer[N];
    for (int r = 0; r < N; r++) {
      order[r] = r;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    for (int d = 0; d < 10; d++) {
      double expected = 0;
      double variance = 0;
      int positives = 0;
      for (int i = d * N / 10; i < (d + 1) * N / 10; i++) {
        int r = order[i];
        expected += p[r];
        variance += p[r] * (1 - p[r]);
        positives += y[r];
      }
      assertThat(Math.abs(positives - expected))
          .as("decile " + d)
          .isLessThanOrEqualTo(4.5 * Math.sqrt(variance) + 1);
    }
  }

  @Test
  void noiseIsKeptRowByRowWhenTheTruthColumnIsThere() {
    WorldSpec w = world(0.2, "y_true");
    Table in = sample(w, 7);
    Table out = ConceptShift.of(w, changed(w)).apply(in, 1, Seed.of(8));
    int[] y0 = codes(in, "y");
    int[] t0 = codes(in, "y_true");
    int[] y1 = codes(out, "y");
    int[] t1 = codes(out, "y_true");
    int changed = 0;
    for (int r = 0; r < N; r++) {
      assertThat(y1[r] != t1[r]).as("row " + r).isEqualTo(y0[r] != t0[r]);
      changed += t1[r] != t0[r] ? 1 : 0;
    }
    assertThat(changed).isGreaterThan(N / 5);
  }

  @Test
  void noiseWithoutATruthColumnStaysAtTheWorldsRate() {
    double noise = 0.2;
    WorldSpec w = world(noise, null);
    Logistic after = changed(w);
    Table in = sample(w, 9);
    Table out = ConceptShift.of(w, after).apply(in, 1, Seed.of(10));
    double[] p =
        WorldGenerator.positiveProbability(after, w.columns())
            .apply(in.select("x1", "x2", "region"));
    // a labelled-positive share of p (1 - noise) + (1 - p) noise, per row
    double expected = 0;
    double variance = 0;
    for (double v : p) {
      double q = v * (1 - noise) + (1 - v) * noise;
      expected += q;
      variance += q * (1 - q);
    }
    int positives = java.util.Arrays.stream(codes(out, "y")).sum();
    assertThat(Math.abs(positives - expected)).isLessThanOrEqualTo(4.5 * Math.sqrt(variance));
  }

  @Test
  void noiseWithoutATruthColumnStaysAtTheWorldsRateWhereTheRuleChangedMost() {
    // The same rate, checked apart where x1 is high (the old rule said yes, the new one says no)
    // and where it is low: over all rows the reversal of x1 is symmetric, so an error in the
    // posterior of a flip that favours one class over the other cancels out there, not here
    // (keep = p0 (1 + noise) for labelled positives passes the test above, fails this one).
    double noise = 0.4; // a high rate: the flip posterior matters most
    WorldSpec w = world(noise, null);
    Logistic after = changed(w);
    Table in = sample(w, 9);
    Table out = ConceptShift.of(w, after).apply(in, 1, Seed.of(10));
    double[] p =
        WorldGenerator.positiveProbability(after, w.columns())
            .apply(in.select("x1", "x2", "region"));
    int[] y = codes(out, "y");
    for (int side : new int[] {1, -1}) {
      double expected = 0;
      double variance = 0;
      int positives = 0;
      int rows = 0;
      for (int r = 0; r < N; r++) {
        if (side * in.numeric("x1").get(r) > 0.5) {
          double q = p[r] * (1 - noise) + (1 - p[r]) * noise;
          expected += q;
          variance += q * (1 - q);
          positives += y[r];
          rows++;
        }
      }
      assertThat(rows).isGreaterThan(N / 4);
      assertThat(Math.abs(positives - expected))
          .as("x1 " + (side > 0 ? "> 0.5" : "< -0.5"))
          .isLessThanOrEqualTo(4.5 * Math.sqrt(variance));
    }
  }

  @Test
  void aThresholdWorldAtSeverityOneHasExactlyTheNewRulesLabels() {
    WorldSpec before =
        WorldSpec.builder()
            .numeric("age", new Distribution.Normal(40, 12))
            .categorical("plan", List.of("basic", "premium"), 0.5, 0.5)
            .label(
                new Threshold(
                    "y",
                    CLASSES,
                    List.of(new Condition("age", ">=", "30"), new Condition("plan", "==", "basic")),
                    0,
                    null))
            .build();
    Threshold rule =
        new Threshold(
            "y",
            CLASSES,
            List.of(new Condition("age", ">=", "50"), new Condition("plan", "==", "basic")),
            0,
            null);
    WorldSpec after = before.withLabel(rule);
    Table in = WorldGenerator.of(before, Seed.of(1)).sample(Seed.of(11), N);
    Table direct = WorldGenerator.of(after, Seed.of(1)).sample(Seed.of(11), N);
    Perturbation shift = ConceptShift.of(before, rule);
    assertThat(shift.apply(in, 1, Seed.of(12))).isEqualTo(direct);
    assertThat(shift.apply(in, 0, Seed.of(12))).isEqualTo(in);
    // halfway the boundary is at 40
    Table half = shift.apply(in, 0.5, Seed.of(12));
    for (int r = 0; r < N; r++) {
      boolean positive =
          in.numeric("age").get(r) >= 40 && in.categorical("plan").level(r).equals("basic");
      assertThat(half.categorical("y").level(r)).isEqualTo(positive ? "yes" : "no");
    }
  }

  @Test
  void aModelOfTheOldWorldLosesAccuracyAsSeverityRises() {
    WorldSpec w = world(0, null);
    var model = LogisticRegression.trainer("y").fit(sample(w, 13));
    Table test = sample(w, 14);
    Perturbation shift = ConceptShift.of(w, changed(w));
    double[] accuracy = new double[6];
    for (int i = 0; i < accuracy.length; i++) {
      Table t = shift.apply(test, i / 5.0, Seed.of(15));
      String[] predicted = model.predict(t);
      int right = 0;
      for (int r = 0; r < N; r++) {
        right += predicted[r].equals(t.categorical("y").level(r)) ? 1 : 0;
      }
      accuracy[i] = right / (double) N;
    }
    // tolerance 0.01: the per-step sampling error of an accuracy on 20,000 rows is about 0.003
    for (int i = 1; i < accuracy.length; i++) {
      assertThat(accuracy[i])
          .as("accuracy at %s after %s", i / 5.0, java.util.Arrays.toString(accuracy))
          .isLessThanOrEqualTo(accuracy[i - 1] + 0.01);
    }
    assertThat(accuracy[0]).isGreaterThan(0.75);
    assertThat(accuracy[5]).isLessThan(accuracy[0] - 0.3);
  }

  @Test
  void aPositiveRateWorldIsCalibratedBeforeAndAfter() {
    WorldSpec w0 = world(0, null);
    Logistic l = (Logistic) w0.label();
    WorldSpec w = w0.withLabel(new Logistic("y", CLASSES, l.weights(), null, 0, 0, 0.2, null));
    Logistic after =
        new Logistic("y", CLASSES, Map.of("x1", -2.0, "x2", 1.0), null, 0, 0, 0.2, null);
    Table in = sample(w, 16);
    Perturbation shift = ConceptShift.of(w, after);
    assertThat(shift.apply(in, 0, Seed.of(17))).isEqualTo(in);
    Table out = shift.apply(in, 1, Seed.of(17));
    double share = java.util.Arrays.stream(codes(out, "y")).sum() / (double) N;
    // both rules are calibrated to a positive rate of 0.2; 4.5 standard errors of 0.0028
    assertThat(share).isBetween(0.2 - 0.0127, 0.2 + 0.0127);
  }

  @Test
  void theRegisteredFormReadsTheWorldAndChecksTheChange() throws Exception {
    WorldSpec w = world(0, null);
    Path file = dir.resolve("w.json");
    Files.writeString(
        file,
        """
        {"columns": [
          {"kind": "numeric", "name": "x1", "distribution": {"family": "normal", "mean": 0, "sd": 1}},
          {"kind": "numeric", "name": "x2", "distribution": {"family": "normal", "mean": 0, "sd": 1}},
          {"kind": "categorical", "name": "region", "levels": ["a", "b"], "probabilities": [0.5, 0.5]}],
         "label": {"rule": "logistic", "column": "y", "classes": ["no", "yes"],
           "weights": {"x1": 2.0, "x2": -1.0, "region=b": 0.5}}}
        """);
    var provider = Registry.perturbations().get("concept-shift");
    Table in = sample(w, 18);
    Perturbation cli = provider.create(Map.of("world", file.toString(), "weights", "x1=-2"));
    assertThat(cli.apply(in, 0.7, Seed.of(19)))
        .isEqualTo(ConceptShift.of(w, changed(w)).apply(in, 0.7, Seed.of(19)));

    assertThatThrownBy(() -> provider.create(Map.of("world", file.toString(), "weights", "x9=1")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("concept-shift: weights")
        .hasMessageContaining("x9");
    assertThatThrownBy(
            () -> provider.create(Map.of("world", file.toString(), "weights", "region=c=1")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("concept-shift: weights")
        .hasMessageContaining("\"c\"");
    assertThatThrownBy(() -> provider.create(Map.of("world", file.toString())))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no change");
    assertThatThrownBy(
            () -> provider.create(Map.of("world", file.toString(), "thresholds", "x1=3")))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("concept-shift: thresholds");
    Perturbation ok = provider.create(Map.of("world", file.toString(), "intercept", "1"));
    assertThatThrownBy(() -> ok.apply(in.drop("x2"), 1, Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("concept-shift: world")
        .hasMessageContaining("x2");
  }

  @Test
  void theJavaFormRejectsARuleOfAnotherShape() {
    WorldSpec w = world(0, null);
    Threshold other = new Threshold("y", CLASSES, List.of(new Condition("x1", ">", "0")), 0, null);
    assertThatThrownBy(() -> ConceptShift.of(w, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logistic");
    Logistic otherLabel = new Logistic("z", CLASSES, Map.of("x1", 1.0), null, 0, 0, null, null);
    assertThatThrownBy(() -> ConceptShift.of(w, otherLabel))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"z\"");
  }
}
