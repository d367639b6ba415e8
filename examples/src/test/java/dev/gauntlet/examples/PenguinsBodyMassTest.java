package dev.gauntlet.examples;

import static dev.gauntlet.junit.assertions.GauntletAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.expectations.Measurement;
import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTables;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.scenario.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * A regression scenario (scenarios/penguins-body-mass.yaml): a linear regression of penguin body
 * mass under covariate shift, missing values and noisy bill measurements.
 */
class PenguinsBodyMassTest {
  static final String LABEL = "body_mass_g";
  static final List<String> NUMERIC =
      List.of("bill_length_mm", "bill_depth_mm", "flipper_length_mm", "year");

  /**
   * The engine's clean figures against an independent fit: commons-math's QR least squares on the
   * raw columns with one dummy per categorical level but the first, a missing sex as a level of its
   * own (the encoder's missing indicator spans the same column), and mae, rmse and r2 by hand.
   * Least-squares predictions do not depend on how the columns are scaled or the levels coded, so
   * both fits predict the same numbers up to rounding.
   */
  @ScenarioTest("scenarios/penguins-body-mass.yaml")
  void theCleanFiguresAreThoseOfAnIndependentLeastSquaresFit(
      ScenarioCase c, ScenarioResult run, ScenarioTables rows) {
    if (!(c.variantName().equals("longer-flippers") && c.severity() == 0)) {
      return; // once per run: the clean rows are the same for every case
    }
    Table train = rows.train();
    Table test = rows.test();
    // 344 birds, 2 without a body mass (nor any measurement) left out; 30 % held out
    assertThat(train.rowCount() + test.rowCount()).isEqualTo(342);
    List<String> species = levels(train, "species");
    List<String> islands = levels(train, "island");
    List<String> sexes = levels(train, "sex");
    // the premise of coding a missing sex as a level: the training rows have some
    assertThat(sexes).containsExactly("(missing)", "female", "male");
    OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
    ols.newSampleData(train.numeric(LABEL).values(), design(train, species, islands, sexes));
    double[] beta = ols.estimateRegressionParameters();
    double[][] x = design(test, species, islands, sexes);
    double[] truth = test.numeric(LABEL).values();
    double abs = 0;
    double squares = 0;
    double mean = 0;
    for (double t : truth) {
      mean += t / truth.length;
    }
    double total = 0;
    for (int r = 0; r < truth.length; r++) {
      double predicted = beta[0];
      for (int j = 0; j < x[r].length; j++) {
        predicted += beta[j + 1] * x[r][j];
      }
      abs += Math.abs(truth[r] - predicted);
      squares += (truth[r] - predicted) * (truth[r] - predicted);
      total += (truth[r] - mean) * (truth[r] - mean);
    }
    // two solvers of a problem conditioned near 1e5 on raw columns: 1e-6 g of ~300 g leaves room
    assertThat(run.clean("mae").orElseThrow().value()).isCloseTo(abs / truth.length, within(1e-6));
    assertThat(run.clean("rmse").orElseThrow().value())
        .isCloseTo(Math.sqrt(squares / truth.length), within(1e-6));
    assertThat(run.clean("r2").orElseThrow().value()).isCloseTo(1 - squares / total, within(1e-9));
    assertThat(run).allExpectationsHold();
  }

  @ScenarioTest("scenarios/penguins-body-mass.yaml")
  void errorsGrowWithMissingValuesAndIntervalsHoldTheirFigures(ScenarioCase c, ScenarioResult run) {
    Measurement rmse = run.measured("rmse", c.variantName(), c.severity()).orElseThrow();
    assertThat(rmse.lo()).isLessThanOrEqualTo(rmse.value());
    assertThat(rmse.hi()).isGreaterThanOrEqualTo(rmse.value());
    if (c.variantName().equals("missing-values")) {
      // measured at seed 7 on 103 test rows: rmse 291 clean, 531 with 30 % of cells missing;
      // a mean-imputed flipper length or species costs the model its best predictors. Every
      // severity above 0 is worse than the clean rows, a drop (a rise of rmse) of at least 20 g.
      if (c.severity() > 0) {
        assertThat(c).metric("rmse").dropFromBaseline().isAtLeast(20);
      }
      assertThat(c).metric("rmse").dropFromBaseline().isAtMost(300);
    }
  }

  private static List<String> levels(Table t, String column) {
    CategoricalColumn c = t.categorical(column);
    List<String> out = new ArrayList<>();
    for (int r = 0; r < c.size(); r++) {
      String level = c.isMissing(r) ? "(missing)" : c.level(r);
      if (!out.contains(level)) {
        out.add(level);
      }
    }
    out.sort(null);
    return out;
  }

  /** Raw numeric columns, then a 0/1 column per level of each categorical but its first. */
  private static double[][] design(
      Table t, List<String> species, List<String> islands, List<String> sexes) {
    double[][] x = new double[t.rowCount()][];
    for (int r = 0; r < x.length; r++) {
      List<Double> row = new ArrayList<>();
      for (String n : NUMERIC) {
        row.add(t.numeric(n).get(r));
      }
      dummies(t, "species", species, r, row);
      dummies(t, "island", islands, r, row);
      dummies(t, "sex", sexes, r, row);
      x[r] = row.stream().mapToDouble(Double::doubleValue).toArray();
    }
    return x;
  }

  private static void dummies(
      Table t, String column, List<String> levels, int r, List<Double> row) {
    CategoricalColumn c = t.categorical(column);
    String level = c.isMissing(r) ? "(missing)" : c.level(r);
    for (int i = 1; i < levels.size(); i++) {
      row.add(levels.get(i).equals(level) ? 1.0 : 0.0);
    }
  }
}
