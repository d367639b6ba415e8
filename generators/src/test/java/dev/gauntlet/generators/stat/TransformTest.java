package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constraints kept by transformation: the modelled form of a sample (differences for inequalities,
 * one column for combinations) and back, worked by hand.
 */
class TransformTest {

  static final Table SAMPLE =
      Table.builder()
          .numeric("a", 1, -2, 3)
          .numeric("b", 4, 0, 3.5)
          .numeric("c", 10, 0.25, 4)
          .categorical("k", "x", "y", "x")
          .categorical("m", "p", "q", null)
          .build();

  static Transform transform(String rules) {
    return new Transform(Constraint.parse(rules, SAMPLE.schema()));
  }

  @Test
  void anInequalityIsModelledAsTheDifference() {
    Transform t = transform("a < b");
    Table modelled = t.toModel(SAMPLE);
    assertThat(modelled.numeric("b").values()).containsExactly(3, 2, 0.5);
    assertThat(modelled.numeric("a").values()).containsExactly(1, -2, 3);
    assertThat(t.isDifference("b")).isTrue();
    assertThat(t.isDifference("a")).isFalse();
    assertThat(t.toOutput(modelled, SAMPLE.schema(), List.of())).isEqualTo(SAMPLE);
  }

  /** A chain a < b <= c: each upper column is modelled as its difference from its real lower. */
  @Test
  void aChainOfInequalitiesComesBackWhateverTheOrderItIsWrittenIn() {
    for (String rules : new String[] {"a < b; b <= c", "b <= c; a < b"}) {
      Transform t = transform(rules);
      Table modelled = t.toModel(SAMPLE);
      assertThat(modelled.numeric("b").values()).as(rules).containsExactly(3, 2, 0.5);
      assertThat(modelled.numeric("c").values()).as(rules).containsExactly(6, 0.25, 0.5);
      assertThat(t.toOutput(modelled, SAMPLE.schema(), List.of())).as(rules).isEqualTo(SAMPLE);
    }
  }

  /**
   * End to end: a near 100, b and c each up to 1 above the one before. c = a + two U(0, 1) has an
   * sd of about 2.9, so a mean of 2,000 rows has a standard error of 0.065, in the sample and in
   * the draws alike; 0.3 is over 3 of their combined 0.092, while c modelled as c - (b - a), as it
   * was, shifted the drawn c by about 105.
   */
  @Test
  void aGeneratorWithAChainKeepsTheLastColumnsValues() {
    org.apache.commons.rng.UniformRandomProvider rng = dev.gauntlet.random.Seed.of(18).rng();
    int n = 2000;
    double[] a = new double[n];
    double[] b = new double[n];
    double[] c = new double[n];
    for (int r = 0; r < n; r++) {
      a[r] = 100 + 10 * rng.nextDouble();
      b[r] = a[r] + rng.nextDouble();
      c[r] = b[r] + rng.nextDouble();
    }
    Table sample = Table.builder().numeric("a", a).numeric("b", b).numeric("c", c).build();
    Table drawn =
        dev.gauntlet.spi.Registry.generators()
            .get(IndependentProvider.NAME)
            .fit(
                sample,
                java.util.Map.of("constraints", "a < b; b <= c"),
                dev.gauntlet.random.Seed.of(1))
            .sample(dev.gauntlet.random.Seed.of(2), n);
    double sampleMean = java.util.Arrays.stream(c).average().orElseThrow();
    double drawnMean = java.util.Arrays.stream(drawn.numeric("c").values()).average().orElseThrow();
    assertThat(drawnMean).isCloseTo(sampleMean, org.assertj.core.data.Offset.offset(0.3));
  }

  @Test
  void aDifferenceIsRoundedToItsColumnsDecimalsOnTheWayOut() {
    Transform t = transform("a < b");
    Table modelled =
        Table.builder()
            .numeric("a", 1.04, 2)
            .numeric("b", 0.33, 0.5)
            .numeric("c", 0, 0)
            .categorical("k", "x", "x")
            .categorical("m", "p", "p")
            .build();
    ColumnModel.Numeric b =
        ColumnModel.Numeric.of("b", new Distribution.Uniform(0, 1)).withDecimals(1);
    Table out = t.toOutput(modelled, SAMPLE.schema(), List.of(b));
    assertThat(out.numeric("b").values()).containsExactly(1.4, 2.5);
    assertThat(t.toOutput(modelled, SAMPLE.schema(), List.of()).numeric("b").values())
        .containsExactly(1.04 + 0.33, 2.5);
  }

  @Test
  void combinationsAreOneColumnWhereTheFirstWas() {
    Transform t = transform("combinations(k, m)");
    assertThat(t.modelSchema(SAMPLE.schema()).names())
        .containsExactly("a", "b", "c", "combinations(k, m)");
    Table modelled = t.toModel(SAMPLE);
    assertThat(modelled.schema().names()).containsExactly("a", "b", "c", "combinations(k, m)");
    assertThat(modelled.categorical("combinations(k, m)").level(0)).isEqualTo("x\u001fp");
    assertThat(modelled.categorical("combinations(k, m)").level(2)).isNull();
    Table back = t.toOutput(modelled, SAMPLE.schema(), List.of());
    assertThat(back.schema()).isEqualTo(SAMPLE.schema());
    assertThat(back.categorical("k").level(0)).isEqualTo("x");
    assertThat(back.categorical("m").level(1)).isEqualTo("q");
    // a row without a combination has neither value
    assertThat(back.categorical("k").level(2)).isNull();
    assertThat(back.categorical("m").level(2)).isNull();
  }

  @Test
  void aCycleOfInequalitiesIsAUserError() {
    Table t = Table.builder().numeric("a", 1).numeric("b", 2).numeric("c", 3).build();
    UserInputException e =
        catchThrowableOfType(
            () -> new Transform(Constraint.parse("a < b; b < c; c < a", t.schema())),
            UserInputException.class);
    assertThat(e).isNotNull();
    assertThat(e.found()).isEqualTo("inequalities that form a cycle");
  }
}
