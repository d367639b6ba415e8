package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.Table;
import java.util.List;

/**
 * Small tables and a hand-made linear model whose attacks can be worked out on paper.
 *
 * <p>The encoder is fitted on {@link #encoderTable()}: {@code a} scaled by 2, {@code b} by 1,
 * {@code n} centred at 2 and scaled by 2, {@code color} one-hot. The budget's units come from
 * {@link #scaleReference()}: population standard deviations {@code s_a = 1}, {@code s_b = 2},
 * {@code s_n = 2}. So one std unit of offset moves the encoded {@code a} by 1/2, {@code b} by 2 and
 * {@code n} by 1: the attacks' chain-rule factors are not 1 and differ per column.
 *
 * <p>{@link #binary()}: logit of {@code yes} over {@code no} = {@code 2 a/2 - b + 0.5 (n - 2)/2 + 3
 * [red]}, i.e. {@code L = a - b + (n - 2)/4 + 3 [red]}. Per std unit of offset the logit moves by
 * {@code +1} (a), {@code -2} (b) and {@code +0.5} (n): an L-inf step of {@code e} in the sign that
 * lowers it lowers it by {@code 3.5 e}.
 */
final class AttackFixture {
  static final String LABEL = "class";

  private AttackFixture() {}

  static Table encoderTable() {
    return Table.builder()
        .numeric("a", -2, 2, -2, 2)
        .numeric("b", -1, 1, -1, 1)
        .numeric("n", 0, 4, 0, 4)
        .categorical("color", "red", "blue", "red", "blue")
        .build();
  }

  static Table scaleReference() {
    return Table.builder()
        .numeric("a", -1, 1)
        .numeric("b", -2, 2)
        .numeric("n", 0, 4)
        .categorical("color", "red", "blue")
        .categorical(LABEL, "no", "yes")
        .role(LABEL, ColumnRole.LABEL)
        .build();
  }

  static FeatureEncoder encoder() {
    return FeatureEncoder.fit(encoderTable(), List.of("a", "b", "n", "color"));
  }

  /** Weights by encoded feature name; features not named get 0. */
  static double[] weights(FeatureEncoder encoder, Object... nameValue) {
    double[] w = new double[encoder.width()];
    for (int i = 0; i < nameValue.length; i += 2) {
      int f = encoder.featureNames().indexOf((String) nameValue[i]);
      if (f < 0) {
        throw new IllegalArgumentException("no feature " + nameValue[i]);
      }
      w[f] = ((Number) nameValue[i + 1]).doubleValue();
    }
    return w;
  }

  /** Two classes, no / yes, with the logit {@code L} above. */
  static LinearSoftmax binary() {
    FeatureEncoder e = encoder();
    return new LinearSoftmax(
        e,
        List.of("no", "yes"),
        new double[][] {
          new double[e.width()], weights(e, "a", 2, "b", -1, "n", 0.5, "color=red", 3)
        });
  }

  /**
   * Three classes c0, c1, c2: logits 0, {@code b} and {@code a/2}. Per std unit of offset c1's
   * logit moves by 2 (b), c2's by 1/2 (a); {@code n} and {@code color} count for nothing.
   */
  static LinearSoftmax threeClasses() {
    FeatureEncoder e = encoder();
    return new LinearSoftmax(
        e,
        List.of("c0", "c1", "c2"),
        new double[][] {new double[e.width()], weights(e, "b", 1), weights(e, "a", 1)});
  }

  /** Rows of (a, b, n, color, class); the label column has the label role. */
  static Table rows(Object[]... rows) {
    double[] a = new double[rows.length];
    double[] b = new double[rows.length];
    double[] n = new double[rows.length];
    String[] color = new String[rows.length];
    String[] label = new String[rows.length];
    for (int r = 0; r < rows.length; r++) {
      a[r] = ((Number) rows[r][0]).doubleValue();
      b[r] = ((Number) rows[r][1]).doubleValue();
      n[r] = ((Number) rows[r][2]).doubleValue();
      color[r] = (String) rows[r][3];
      label[r] = (String) rows[r][4];
    }
    return Table.builder()
        .numeric("a", a)
        .numeric("b", b)
        .numeric("n", n)
        .categorical("color", color)
        .categorical(LABEL, label)
        .role(LABEL, ColumnRole.LABEL)
        .build();
  }

  static Object[] row(double a, double b, double n, String color, String label) {
    return new Object[] {a, b, n, color, label};
  }
}
