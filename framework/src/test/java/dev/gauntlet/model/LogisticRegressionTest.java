package dev.gauntlet.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  /**
   * scikit-learn 1.2.1, {@code LogisticRegression(C=1.0, solver="newton-cg", tol=1e-8)} on the 150
   * iris rows, features standardized with the population standard deviation; the script is
   * src/test/resources/dev/gauntlet/model/sklearn_reference.py. A tight tolerance, because the
   * default lbfgs stops with gradient components near 1e-4 (coefficients off by 1e-4); here the
   * largest gradient component is 3e-9 and the solution agrees with solver="sag" to 2e-9.
   */
  private static final double[][] IRIS_COEF = {
    {-1.0740661547581825, 1.1601151168541264, -1.9306918596942395, -1.811556124343601},
    {0.5878102406053973, -0.3618406270123859, -0.36343102409296907, -0.8262695757259525},
    {0.4862559141527879, -0.7982744898417402, 2.294122883787207, 2.6378257000695564}
  };

  private static final double[] IRIS_INTERCEPT = {
    -0.20524113269971592, 2.074839783355822, -1.8695986506560933
  };

  /** Rows 0, 50, 100 and 133 of {@code predict_proba} for the model above. */
  private static final double[][] IRIS_PROBA = {
    {9.8469555872462589e-01, 1.5304379258742994e-02, 6.2016630956288405e-08},
    {4.7296312712474054e-03, 8.6489708866455139e-01, 1.3037328006420132e-01},
    {1.4921138338104603e-05, 6.2248728265912323e-03, 9.9376020603507076e-01},
    {1.9804189958680871e-03, 5.8401018862878662e-01, 4.1400939237534523e-01}
  };

  private static final int[] IRIS_PROBA_ROWS = {0, 50, 100, 133};

  @Test
  void multinomialMatchesScikitLearnOnIris() {
    LogisticRegression model = LogisticRegression.trainer("species").fit(TestTables.iris());

    assertThat(model.classes()).containsExactly("setosa", "versicolor", "virginica");
    assertThat(model.converged()).isTrue();
    double[][] coef = model.coefficients();
    assertThat(coef).hasNumberOfRows(3);
    for (int k = 0; k < 3; k++) {
      assertThat(coef[k]).containsExactly(IRIS_COEF[k], within(1e-7));
    }
    assertThat(model.intercepts()).containsExactly(IRIS_INTERCEPT, within(1e-7));

    ClassProbabilities p = model.predictProba(TestTables.iris());
    for (int i = 0; i < IRIS_PROBA_ROWS.length; i++) {
      for (int k = 0; k < 3; k++) {
        assertThat(p.get(IRIS_PROBA_ROWS[i], k)).isCloseTo(IRIS_PROBA[i][k], within(1e-8));
      }
    }
  }

  @Test
  void binaryMatchesScikitLearnOnTwoIrisSpecies() {
    // Same script and settings as above, on the 100 versicolor and virginica rows,
    // standardized on those rows: scikit-learn's binary (single weight vector) model.
    LogisticRegression model =
        LogisticRegression.trainer("species").fit(TestTables.irisTwoClasses());

    assertThat(model.classes()).containsExactly("versicolor", "virginica");
    assertThat(model.coefficients()).hasNumberOfRows(1);
    assertThat(model.coefficients()[0])
        .containsExactly(
            new double[] {
              -0.2788052195209078, -0.5923689730953952, 2.2109197418133326, 2.3905428022173174
            },
            within(1e-7));
    assertThat(model.intercepts())
        .containsExactly(new double[] {0.10156612017732672}, within(1e-7));

    ClassProbabilities p = model.predictProba(TestTables.irisTwoClasses());
    assertThat(p.get(0, 1)).isCloseTo(0.05152234831606511, within(1e-8));
    assertThat(p.get(20, 1)).isCloseTo(0.5209422426930358, within(1e-8));
    assertThat(p.get(70, 1)).isCloseTo(0.9926927202901568, within(1e-8));
  }

  @Test
  void separableDataIsFittedExactly() {
    Table data = TestTables.separable();
    LogisticRegression model = LogisticRegression.trainer("y").fit(data);

    assertThat(CrossValidation.accuracy(model, data, "y")).isEqualTo(1.0);
    assertThat(model.converged()).isTrue();
    // The label is not a feature.
    assertThat(model.featureNames()).containsExactly("x", "noise");
  }

  @Test
  void probabilitiesSumToOne() {
    Table iris = TestTables.iris();
    ClassProbabilities p =
        LogisticRegression.trainer("species").withC(0.1).fit(iris).predictProba(iris);

    assertThat(p.rows()).isEqualTo(150);
    for (int r = 0; r < p.rows(); r++) {
      assertThat(p.get(r, 0) + p.get(r, 1) + p.get(r, 2)).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void sameDataGivesIdenticalProbabilities() {
    Table iris = TestTables.iris();
    var trainer = LogisticRegression.trainer("species");

    assertThat(trainer.fit(iris).predictProba(iris))
        .isEqualTo(trainer.fit(iris).predictProba(iris));
  }

  @Test
  void smallerCShrinksTheWeights() {
    Table iris = TestTables.iris();
    double strong = norm(LogisticRegression.trainer("species").withC(0.01).fit(iris));
    double weak = norm(LogisticRegression.trainer("species").withC(100).fit(iris));

    assertThat(strong).isLessThan(weak);
  }

  @Test
  void unseenCategoryAtPredictionEncodesAsNoLevel() {
    Table train =
        Table.builder()
            .categorical("colour", "red", "red", "red", "blue", "blue", "blue")
            .numeric("size", 1, 2, 3, 1, 2, 3)
            .categorical("y", "a", "a", "b", "b", "b", "a")
            .build();
    LogisticRegression model = LogisticRegression.trainer("y").fit(train);
    Table fresh = Table.builder().categorical("colour", "green").numeric("size", 2).build();

    ClassProbabilities p = model.predictProba(fresh);

    assertThat(p.rows()).isEqualTo(1);
    assertThat(p.get(0, 0) + p.get(0, 1)).isCloseTo(1.0, within(1e-12));
    // All one-hot features are 0 and size is at its mean: only the intercept speaks.
    double intercept = model.intercepts()[0];
    assertThat(p.get(0, 1)).isCloseTo(1 / (1 + Math.exp(-intercept)), within(1e-12));
  }

  @Test
  void missingLabelIsAUserError() {
    Table train = Table.builder().numeric("x", 1, 2, 3).categorical("y", "a", null, "b").build();

    assertThatThrownBy(() -> LogisticRegression.trainer("y").fit(train))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("label column \"y\", row 2");
  }

  @Test
  void unknownLabelColumnIsAUserError() {
    assertThatThrownBy(() -> LogisticRegression.trainer("class").fit(TestTables.iris()))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("column \"class\"");
  }

  @Test
  void tableWithoutATrainedColumnIsAUserError() {
    LogisticRegression model = LogisticRegression.trainer("species").fit(TestTables.iris());
    Table partial = TestTables.iris().drop("petal_width_cm");

    assertThatThrownBy(() -> model.predictProba(partial))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("petal_width_cm");
  }

  @Test
  void columnOfAnotherTypeAtPredictionIsAUserError() {
    LogisticRegression model = LogisticRegression.trainer("y").fit(TestTables.separable());
    Table text = Table.builder().categorical("x", "one").numeric("noise", 1).build();

    assertThatThrownBy(() -> model.predictProba(text))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("column \"x\"")
        .hasMessageContaining("a categorical column");
  }

  @Test
  void oneClassPredictsItWithCertainty() {
    Table train = Table.builder().numeric("x", 1, 2, 3).categorical("y", "a", "a", "a").build();
    ClassProbabilities p = LogisticRegression.trainer("y").fit(train).predictProba(train);

    assertThat(p.classes()).containsExactly("a");
    assertThat(p.column(0)).containsExactly(1, 1, 1);
  }

  @Test
  void lbfgsReachesScikitLearnsIrisMinimumToo() {
    LogisticRegression model =
        LogisticRegression.trainer("species")
            .withSolver(LogisticRegression.Solver.LBFGS)
            .fit(TestTables.iris());

    // the same pinned figures as the Newton fit's; L-BFGS ends on the gradient tolerance or on a
    // relative decrease of 64 ulp, about 1e-14: on this well-conditioned loss (Hessian eigenvalues
    // from 1 to about 100) the parameters are then within 1e-6 of the minimum
    assertThat(model.converged()).isTrue();
    double[][] coef = model.coefficients();
    for (int k = 0; k < 3; k++) {
      assertThat(coef[k]).containsExactly(IRIS_COEF[k], within(1e-6));
    }
    assertThat(model.intercepts()).containsExactly(IRIS_INTERCEPT, within(1e-6));
  }

  /**
   * 600 rows with categorical columns of 80 and 70 levels and a numeric one: 152 parameters, beyond
   * {@link LogisticRegression#NEWTON_MAX_PARAMETERS}, so the automatic solver is L-BFGS. It finds
   * Newton's minimum (same tolerance argument as above: the penalty C = 1 keeps the loss well
   * conditioned).
   */
  @Test
  void aWideTableIsFittedByLbfgsToNewtonsMinimum() {
    org.apache.commons.rng.UniformRandomProvider rng = dev.gauntlet.random.Seed.of(3).rng();
    int n = 600;
    String[] k = new String[n];
    String[] j = new String[n];
    double[] x = new double[n];
    String[] y = new String[n];
    for (int r = 0; r < n; r++) {
      int level = rng.nextInt(80);
      k[r] = "k" + level;
      j[r] = "j" + rng.nextInt(70);
      x[r] = rng.nextDouble() * 2 - 1;
      y[r] = x[r] + (level % 3 - 1) * 0.5 + rng.nextDouble() - 0.5 > 0 ? "yes" : "no";
    }
    Table t =
        Table.builder()
            .categorical("k", k)
            .categorical("j", j)
            .numeric("x", x)
            .categorical("y", y)
            .role("y", dev.gauntlet.data.ColumnRole.LABEL)
            .build();
    var trainer = LogisticRegression.trainer("y");

    LogisticRegression auto = trainer.fit(t);
    LogisticRegression lbfgs = trainer.withSolver(LogisticRegression.Solver.LBFGS).fit(t);
    LogisticRegression newton = trainer.withSolver(LogisticRegression.Solver.NEWTON).fit(t);

    assertThat(auto.featureNames()).hasSize(151);
    assertThat(auto.coefficients()[0]).containsExactly(lbfgs.coefficients()[0]);
    assertThat(auto.iterations()).isEqualTo(lbfgs.iterations());
    assertThat(newton.converged()).isTrue();
    assertThat(auto.converged()).isTrue();
    assertThat(auto.coefficients()[0]).containsExactly(newton.coefficients()[0], within(1e-6));
    assertThat(auto.intercepts()).containsExactly(newton.intercepts(), within(1e-6));
  }

  @Test
  void settingsAreValidated() {
    var trainer = LogisticRegression.trainer("y");
    assertThatThrownBy(() -> trainer.withC(0)).hasMessage("C is not a positive finite number: 0.0");
    assertThatThrownBy(() -> trainer.withMaxIterations(0))
        .hasMessage("max iterations is not positive: 0");
    assertThatThrownBy(() -> LogisticRegression.trainer(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static double norm(LogisticRegression model) {
    double s = 0;
    for (double[] row : model.coefficients()) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  /**
   * The closed-form input gradient matches central differences of the loss, for the multinomial
   * (iris) and the binary model. Everything is float64 and the loss is smooth, so with h = 1e-5 the
   * error is of order h^2 plus 1e-16 / h; 1e-6 relative leaves a wide margin.
   */
  @Test
  void inputGradientMatchesFiniteDifferences() {
    for (Table t : new Table[] {TestTables.iris(), TestTables.irisTwoClasses()}) {
      LogisticRegression model = LogisticRegression.trainer("species").fit(t);
      dev.gauntlet.data.FeatureMatrix x = model.encoder().transform(t.slice(0, 100));
      int[] targets = new int[x.rows()];
      for (int r = 0; r < targets.length; r++) {
        targets[r] = r % model.classes().size();
      }
      Differentiable.InputGradient g = model.lossGradient(x, targets);
      assertThat(g.probabilities()).isEqualTo(model.predictProba(t.slice(0, 100)));
      double h = 1e-5;
      for (int r = 0; r < x.rows(); r += 7) {
        for (int f = 0; f < x.cols(); f++) {
          double[] plus = x.data().clone();
          double[] minus = x.data().clone();
          plus[r * x.cols() + f] += h;
          minus[r * x.cols() + f] -= h;
          double up =
              model.lossGradient(
                      new dev.gauntlet.data.FeatureMatrix(x.rows(), x.cols(), plus, x.names()),
                      targets)
                  .loss()[r];
          double down =
              model.lossGradient(
                      new dev.gauntlet.data.FeatureMatrix(x.rows(), x.cols(), minus, x.names()),
                      targets)
                  .loss()[r];
          double a = g.gradient()[r * x.cols() + f];
          assertThat((up - down) / (2 * h))
              .as("row " + r + " feature " + f)
              .isCloseTo(a, within(1e-6 * Math.max(1, Math.abs(a))));
        }
        assertThat(g.loss()[r])
            .isCloseTo(-Math.log(g.probabilities().get(r, targets[r])), within(1e-12));
      }
    }
  }

  /**
   * A table of mixed columns whose encoding exercises every case of the compact design: a numeric
   * column with missing values (indicator), one of small integers whose mean is one of them (exact
   * zeros after centring), a categorical column with missing values, one of 150 levels (pooled into
   * 99 + (other)), and a label of {@code classes} classes.
   */
  private static Table mixed(int rows, long seed, int classes) {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    double[] a = new double[rows];
    double[] b = new double[rows];
    String[] colour = new String[rows];
    String[] many = new String[rows];
    String[] y = new String[rows];
    for (int r = 0; r < rows; r++) {
      a[r] = rng.nextInt(10) == 0 ? Double.NaN : rng.nextGaussian();
      b[r] = r % 5; // mean 2, so a fifth of the encoded values are exact zeros
      colour[r] =
          rng.nextInt(8) == 0 ? null : new String[] {"red", "green", "blue"}[rng.nextInt(3)];
      many[r] = "L" + rng.nextInt(150);
      double score =
          (Double.isNaN(a[r]) ? 0 : a[r]) - 0.3 * b[r] + ("red".equals(colour[r]) ? 1 : 0);
      int cls = score + rng.nextGaussian() > 0 ? 0 : 1;
      y[r] = classes > 2 && rng.nextInt(3) == 0 ? "c" : cls == 0 ? "a" : "b";
    }
    return Table.builder()
        .numeric("a", a)
        .numeric("b", b)
        .categorical("colour", colour)
        .categorical("many", many)
        .categorical("y", y)
        .build();
  }

  /**
   * Predictions go through the compact design ({@code predictProba}), the input gradient through
   * the dense matrix; both sum the same non-zero terms in the same order, so their probabilities
   * agree bit for bit, on the training table and on another with missing values and unseen levels.
   */
  @Test
  void compactAndDensePredictionsAgreeBitForBit() {
    for (int k : new int[] {2, 3}) {
      Table train = mixed(2_000, 1, k);
      Table other = mixed(500, 2, k).select(java.util.List.of("many", "a", "colour", "b"));
      LogisticRegression model = LogisticRegression.trainer("y").fit(train);
      assertThat(model.classes()).hasSize(k);
      for (Table x : new Table[] {train, other}) {
        dev.gauntlet.data.FeatureMatrix dense = model.encoder().transform(x);
        ClassProbabilities viaDense =
            model.lossGradient(dense, new int[dense.rows()]).probabilities();
        assertThat(model.predictProba(x)).isEqualTo(viaDense);
      }
    }
  }

  /**
   * The fit does not encode its training rows as a dense rows x width matrix of doubles: fitting
   * 100,000 rows whose 150-level column encodes to 100 features (102 in all, 81.6 MB dense)
   * allocates less than a quarter of that. The dense design alone was the whole 81.6 MB, so this
   * fails on it; the compact design costs 17 bytes a row (1.7 MB), and what else the fit allocates
   * (labels, the Hessian, probabilities) is a few MB. Bytes allocated by this thread are counted by
   * the JVM, not timed.
   */
  @Test
  void theFitsDesignDoesNotGrowWithRowsTimesEncodedWidth() {
    Table t = mixed(100_000, 3, 2).select(java.util.List.of("a", "many", "y"));
    long denseBytes = 8L * t.rowCount() * 102;
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    long thread = Thread.currentThread().getId();
    LogisticRegression.trainer("y").fit(t.slice(0, 100)); // load the classes first
    long before = threads.getThreadAllocatedBytes(thread);
    LogisticRegression model = LogisticRegression.trainer("y").fit(t);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(model.featureNames()).hasSize(102);
    assertThat(allocated).isLessThan(denseBytes / 4);
  }
}
