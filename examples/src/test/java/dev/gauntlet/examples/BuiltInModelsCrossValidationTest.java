package dev.gauntlet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltInModelsCrossValidationTest {

  /**
   * Two references from scikit-learn 1.2.1, same models, same preprocessing:
   *
   * <ul>
   *   <li>{@code reference*}: ../shared/reference/models.md, one 5-fold stratified cross-validation
   *       (shuffled with random_state 0), compared with our first repeat, a 5-fold cross-validation
   *       of our own seeded folds.
   *   <li>{@code mean*}: the mean over random_state 0 to 19 of that cross-validation
   *       (src/test/resources/sklearn_cv_means.py, which reproduces the models.md figures at
   *       random_state 0), compared with our mean over 5 repeats.
   * </ul>
   *
   * <p>Why 2 points: fold assignments differ between implementations, and a 5-fold mean moves with
   * them. Over scikit-learn's own 20 shuffles its standard deviation is 0.1 to 0.7 points for
   * logistic regression and 0.3 to 1.4 points for the tree (wine's tree: 0.860 to 0.916), so two
   * single cross-validations of equally good models differ by up to about 2 points; this is the bar
   * models.md sets. The single-run check is the weaker one: models.md's wine tree figure (0.9156)
   * is the best of scikit-learn's 20 shuffles, and our credit_g tree (0.692 against 0.712) sits at
   * the bar. The averaged check has about a third of that noise and the same 2-point bar, so it
   * fails only for a real difference. On identical folds, scikit-learn's logistic regression gets
   * our per-fold accuracies exactly on four data sets (telco differs by 0.03 points: our encoder
   * adds a missing-value indicator), and our tree's accuracy lies within the range its tree gives
   * over random states (which change only tie-breaking).
   *
   * <p>The seed is fixed, so the test is deterministic; a failure message names it.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // file,            label,   reference LR, reference tree, mean LR, mean tree
    "iris.csv,          species, 0.9600,       0.9333,         0.9567,  0.9487",
    "wine.csv,          class,   0.9832,       0.9156,         0.9781,  0.8947",
    "breast_cancer.csv, target,  0.9789,       0.9297,         0.9791,  0.9291",
    "credit_g.csv,      class,   0.7500,       0.7120,         0.7521,  0.7058",
    "telco_churn.csv,   churn,   0.8041,       0.7867,         0.8038,  0.7903",
  })
  void accuracyIsWithinTwoPointsOfScikitLearn(
      String file,
      String label,
      double referenceLogistic,
      double referenceTree,
      double meanLogistic,
      double meanTree) {
    Seed seed = Seed.of(0);
    BuiltInModelsCrossValidation.Result result =
        BuiltInModelsCrossValidation.run(Path.of("data", file), label, 5, seed);

    assertThat(result.logisticRegression().get(0).meanAccuracy())
        .as("logistic regression on %s, one 5-fold run, seed = %s", file, seed)
        .isCloseTo(referenceLogistic, within(0.02));
    assertThat(result.decisionTree().get(0).meanAccuracy())
        .as("decision tree on %s, one 5-fold run, seed = %s", file, seed)
        .isCloseTo(referenceTree, within(0.02));
    assertThat(result.logisticRegressionAccuracy())
        .as("logistic regression on %s, 5 x 5-fold, seed = %s", file, seed)
        .isCloseTo(meanLogistic, within(0.02));
    assertThat(result.decisionTreeAccuracy())
        .as("decision tree on %s, 5 x 5-fold, seed = %s", file, seed)
        .isCloseTo(meanTree, within(0.02));
  }
}
