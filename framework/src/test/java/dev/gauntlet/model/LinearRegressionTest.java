package dev.gauntlet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Table;
import org.junit.jupiter.api.Test;

class LinearRegressionTest {

  /** Every fourth complete penguin row (0, 4, ...) is a test row, as regression_reference.py. */
  static Table[] trainAndTest(Table penguins) {
    return new Table[] {penguins.filter(r -> r % 4 != 0), penguins.filter(r -> r % 4 == 0)};
  }

  /** Predictions of all 333 rows, train and test, in row order, by a model fitted on train. */
  static double[] predictAll(Regressor model, Table penguins) {
    return model.predict(penguins);
  }

  @Test
  void leastSquaresMatchesScikitLearnsLinearRegressionOnPenguins() {
    Table penguins = TestTables.penguinsComplete();
    Table reference = TestTables.regressionReference();
    assertThat(penguins.rowCount()).isEqualTo(333).isEqualTo(reference.rowCount());
    LinearRegression model =
        LinearRegression.trainer(TestTables.PENGUINS_LABEL).fit(trainAndTest(penguins)[0]);
    double[] predicted = predictAll(model, penguins);
    double[] expected = reference.numeric("linear").values();
    // One-hot levels are collinear with the intercept: scikit-learn's lstsq and the SVD here both
    // take the minimum-norm weights, and predictions are unique anyway. Two solvers of a problem
    // conditioned near 1e2 agree to ~1e-12 relative; 1e-6 g on ~4000 g leaves room for that.
    for (int r = 0; r < expected.length; r++) {
      assertThat(predicted[r]).as("row %d", r).isCloseTo(expected[r], within(1e-6));
    }
  }

  @Test
  void ridgeMatchesScikitLearnsRidgeWithTheSameAlpha() {
    Table penguins = TestTables.penguinsComplete();
    double[] expected = TestTables.regressionReference().numeric("ridge_10").values();
    LinearRegression model =
        LinearRegression.trainer(TestTables.PENGUINS_LABEL)
            .withL2(10)
            .fit(trainAndTest(penguins)[0]);
    double[] predicted = predictAll(model, penguins);
    for (int r = 0; r < expected.length; r++) {
      assertThat(predicted[r]).as("row %d", r).isCloseTo(expected[r], within(1e-6));
    }
    // the penalty pulled the weights in: ridge differs from least squares by grams, not rounding
    double[] ols = TestTables.regressionReference().numeric("linear").values();
    assertThat(Math.abs(predicted[0] - ols[0])).isGreaterThan(10);
  }

  @Test
  void aPerfectLineIsRecoveredExactly() {
    Table t =
        Table.builder()
            .numeric("x", 1, 2, 3, 4, 5)
            .numeric("y", 3, 5, 7, 9, 11)
            .role("y", ColumnRole.LABEL)
            .build();
    LinearRegression m = LinearRegression.trainer("y").fit(t);
    // y = 2x + 1; x is standardized (mean 3, std sqrt 2), so its weight is 2 sqrt 2 and the
    // intercept the mean of y
    assertThat(m.coefficients()[0]).isCloseTo(2 * Math.sqrt(2), within(1e-12));
    assertThat(m.intercept()).isCloseTo(7, within(1e-12));
    assertThat(m.predict(t)).containsExactly(new double[] {3, 5, 7, 9, 11}, within(1e-12));
  }

  @Test
  void aCategoricalLabelIsAUserErrorNamingTheColumn() {
    Table t = TestTables.iris();
    assertThatThrownBy(() -> LinearRegression.trainer("species").fit(t))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("label column \"species\"")
        .hasMessageContaining("a numeric column: a regressor predicts numbers");
  }

  @Test
  void aMissingLabelIsAUserErrorNamingTheRow() {
    Table t =
        Table.builder()
            .numeric("x", 1, 2, 3)
            .numeric("y", 1, Double.NaN, 3)
            .role("y", ColumnRole.LABEL)
            .build();
    assertThatThrownBy(() -> LinearRegression.trainer("y").fit(t))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("label column \"y\", row 2");
  }

  @Test
  void aNegativePenaltyIsRefused() {
    assertThatThrownBy(() -> LinearRegression.trainer("y").withL2(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
