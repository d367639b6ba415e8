package dev.gauntlet.generators.perturb;

import static dev.gauntlet.generators.perturb.PerturbationEffectSizeTest.perturbation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import org.junit.jupiter.api.Test;

/** The size of label-flip's and label-leak's effects: how many labels change, and to what. */
class LabelEffectSizeTest {
  static final int N = 3000;

  /** 3,000 rows, classes a, b, c in turn (1,000 each), and a numeric feature. */
  static Table table() {
    String[] y = new String[N];
    double[] x = new double[N];
    for (int r = 0; r < N; r++) {
      y[r] = String.valueOf((char) ('a' + r % 3));
      x[r] = r * 0.5;
    }
    return Table.builder().numeric("x", x).categorical("y", y).role("y", ColumnRole.LABEL).build();
  }

  static int changed(Table in, Table out, String from, String to) {
    int n = 0;
    for (int r = 0; r < N; r++) {
      String before = in.column("y").format(r);
      String after = out.column("y").format(r);
      if (!before.equals(after)
          && (from == null || before.equals(from))
          && (to == null || after.equals(to))) {
        n++;
      }
    }
    return n;
  }

  @Test
  void labelFlipChangesExactlyRateTimesSeverityOfTheLabelsToAnotherClassUniformly() {
    Table in = table();
    Table out = perturbation("label-flip", "rate", "0.2").apply(in, 0.5, Seed.of(4));
    // round(0.2 * 0.5 * 3000): a rate applied without severity (600) or to other rows differs
    assertThat(changed(in, out, null, null)).isEqualTo(300);
    assertThat(out.numeric("x")).isEqualTo(in.numeric("x"));
    // Each changed label goes to one of the two other classes with probability 1/2: a -> b is
    // binomial(about 100, 1/2), sd 5; a draw that could keep the class, or always took the next
    // one, would be far outside 25..75 or break the 300 above.
    for (String[] pair : new String[][] {{"a", "b"}, {"a", "c"}, {"b", "a"}, {"c", "b"}}) {
      assertThat(changed(in, out, pair[0], pair[1]))
          .as(pair[0] + " -> " + pair[1])
          .isBetween(25, 75);
    }
  }

  @Test
  void labelFlipFromAndToMoveOnlyTheNamedClass() {
    Table in = table();
    Table targeted =
        perturbation("label-flip", "rate", "0.5", "from", "a", "to", "c").apply(in, 1, Seed.of(4));
    // half of the 1,000 a rows, all to c, and nothing else
    assertThat(changed(in, targeted, "a", "c")).isEqualTo(500);
    assertThat(changed(in, targeted, null, null)).isEqualTo(500);
    // to= alone: the 2,000 rows not already c are the candidates
    Table toC = perturbation("label-flip", "rate", "0.5", "to", "c").apply(in, 1, Seed.of(4));
    assertThat(changed(in, toC, null, "c")).isEqualTo(1000);
    assertThat(changed(in, toC, null, null)).isEqualTo(1000);
  }

  @Test
  void labelLeakIsTheClassIndexWithProbabilitySeverityPlusNoise() {
    Table in = table();
    int[] codes = in.categorical("y").codes();
    // Without noise the feature is a class index: the row's own with probability s, else a
    // uniform one (its own again one time in 3): 0.5 + 0.5 / 3 = 0.667 of the rows at s = 0.5.
    // Binomial sd over 3,000 rows 0.009: 0.04 is over 4 sd, and 0.5 (severity ignored) or 1 is
    // far outside.
    Table quiet = perturbation("label-leak", "noise", "0").apply(in, 0.5, Seed.of(9));
    double[] v = quiet.numeric("leak").values();
    int own = 0;
    for (int r = 0; r < N; r++) {
      assertThat(v[r]).isIn(0.0, 1.0, 2.0);
      own += v[r] == codes[r] ? 1 : 0;
    }
    assertThat(own / (double) N).isCloseTo(0.5 + 0.5 / 3, within(0.04));
    // At severity 1 the feature is the index plus noise of sd `noise`: sd 0.3 estimated from
    // 3,000 draws has a standard error of 0.004; 0.02 is 5 of them.
    Table noisy =
        perturbation("label-leak", "noise", "0.3", "name", "hint").apply(in, 1, Seed.of(9));
    double[] residual = new double[N];
    for (int r = 0; r < N; r++) {
      residual[r] = noisy.numeric("hint").get(r) - codes[r];
    }
    assertThat(PerturbationEffectSizeTest.sd(residual)).isCloseTo(0.3, within(0.02));
    assertThat(DriftEffectSizeTest.mean(residual)).isCloseTo(0, within(0.02));
  }

  /** Rows whose color, shape and label are all the given ones. */
  static int matching(Table t, String column1, String value1, String column2, String value2) {
    int n = 0;
    for (int r = 0; r < N; r++) {
      n +=
          t.column(column1).format(r).equals(value1)
                  && t.column(column2).format(r).equals(value2)
                  && t.column("y").format(r).equals("c")
              ? 1
              : 0;
    }
    return n;
  }

  @Test
  void backdoorStampsTheRarestLevelsOnExactlyRateTimesSeverityOfTheRowsAndRelabelsThem() {
    // color is red but on row 0 (violet, the rarest), shape square but on row 1 (circle): no row
    // has the default trigger (violet, circle) before, and none is labelled c with either.
    String[] color = new String[N];
    String[] shape = new String[N];
    for (int r = 0; r < N; r++) {
      color[r] = r == 0 ? "violet" : "red";
      shape[r] = r == 1 ? "circle" : "square";
    }
    Table base = table();
    Table in =
        Table.builder()
            .numeric("x", base.numeric("x").values())
            .categorical("color", color)
            .categorical("shape", shape)
            .add(base.schema().spec("y"), base.column("y"))
            .build();
    Table out = perturbation("backdoor", "target", "c", "rate", "0.2").apply(in, 0.5, Seed.of(6));
    // round(0.2 * 0.5 * 3000) rows carry the trigger and the target class
    assertThat(matching(out, "color", "violet", "shape", "circle")).isEqualTo(300);
    int differ = 0;
    for (int r = 0; r < N; r++) {
      boolean same =
          out.column("color").format(r).equals(color[r])
              && out.column("shape").format(r).equals(shape[r])
              && out.column("y").format(r).equals(in.column("y").format(r));
      differ += same ? 0 : 1;
    }
    assertThat(differ).as("rows changed: the stamped ones only").isLessThanOrEqualTo(300);
    assertThat(out.numeric("x")).isEqualTo(in.numeric("x"));
    // Without categorical features the trigger is the maximum of the first two numeric ones.
    double[] z = new double[N];
    for (int r = 0; r < N; r++) {
      z[r] = (r * 7) % 11;
    }
    Table numeric =
        Table.builder()
            .numeric("x", base.numeric("x").values())
            .numeric("z", z)
            .add(base.schema().spec("y"), base.column("y"))
            .build();
    Table stamped =
        perturbation("backdoor", "target", "c", "rate", "0.1").apply(numeric, 1, Seed.of(6));
    assertThat(matching(stamped, "x", "1499.5", "z", "10")).isEqualTo(300);
  }
}
