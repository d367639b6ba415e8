package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.CategoricalColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Column models the scipy cases ({@link FittingReferenceTest}) cannot reach: no values at all,
 * decimal places at the 10-place limit, and categorical shares with missing cells, each worked by
 * hand.
 */
class FittingEdgesTest {

  @Test
  void aColumnWithoutValuesIsAlwaysMissing() {
    ColumnModel.Numeric m = Fitting.numeric("x", new double[] {Double.NaN, Double.NaN});
    assertThat(m.distribution()).isEqualTo(new Distribution.Constant(0));
    assertThat(m.missingRate()).isEqualTo(1.0);
    assertThat(m.min()).isNull();
    assertThat(m.max()).isNull();
    assertThat(m.ks()).isNull();
  }

  @Test
  void aConstantColumnKeepsItsValueAndMissingRate() {
    ColumnModel.Numeric m = Fitting.numeric("x", new double[] {2.5, Double.NaN, 2.5, 2.5});
    assertThat(m.distribution()).isEqualTo(new Distribution.Constant(2.5));
    assertThat(m.missingRate()).isEqualTo(0.25);
    assertThat(m.decimals()).isEqualTo(1);
    assertThat(m.ks()).isZero();
  }

  /** numpy agrees: np.rint(v * 10**d) / 10**d == v first at d = 10 for both, never for 11. */
  @Test
  void decimalsStopAtTenPlaces() {
    assertThat(Fitting.decimals(new double[] {2.5, 0.1234567891})).isEqualTo(10);
    assertThat(Fitting.decimals(new double[] {1e-10, 3})).isEqualTo(10);
    assertThat(Fitting.decimals(new double[] {2.5, 0.12345678912})).isNull();
    assertThat(Fitting.decimals(new double[] {3, -7, 0})).isZero();
    assertThat(Fitting.decimals(new double[] {123.4567, 0.3})).isEqualTo(4);
  }

  @Test
  void levelSharesAreOverPresentCellsAndTheMissingRateOverAll() {
    CategoricalColumn c = CategoricalColumn.ofValues("a", "b", null, "a", "a");
    ColumnModel.Categorical m = Fitting.categorical("k", c);
    assertThat(m.levels()).containsExactlyElementsOf(c.levels());
    int a = c.levels().indexOf("a");
    assertThat(m.probabilities()[a]).isCloseTo(0.75, within(1e-15));
    assertThat(m.probabilities()[1 - a]).isCloseTo(0.25, within(1e-15));
    assertThat(m.missingRate()).isCloseTo(0.2, within(1e-15));
  }

  @Test
  void aCategoricalColumnWithoutLevelsIsOneNamedPlaceholderAlwaysMissing() {
    ColumnModel.Categorical m =
        Fitting.categorical("k", CategoricalColumn.of(new int[] {-1, -1}, List.of()));
    assertThat(m.levels()).containsExactly("(none)");
    assertThat(m.probabilities()).containsExactly(1.0);
    assertThat(m.missingRate()).isEqualTo(1.0);
  }
}
