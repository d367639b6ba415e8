package dev.gauntlet.metrics;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.LogisticRegression;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A classifier two-sample test, as SDMetrics' {@code LogisticDetection}: how well a logistic
 * regression tells synthetic rows from real ones.
 *
 * <p>Real rows are labelled 0 and synthetic rows 1. Features: the real table's columns except those
 * with role ID, encoded by a {@link FeatureEncoder} fitted on both tables together (numeric
 * standardized, categorical one-hot, missing-value indicators). The rows are split into {@code
 * folds} stratified folds by {@link CrossValidation#stratified} with {@code
 * seed.derive("detection")}; for each fold the built-in {@link LogisticRegression} with {@code C =
 * 1} (which standardizes its input features again on the training rows, as SDMetrics' pipeline
 * scales after its HyperTransformer) is trained on the other folds, and the ROC AUC of its
 * probability of "synthetic" on the held-out fold is taken ({@link Ranking#rocAuc}).
 *
 * <p>Differences from SDMetrics: its pipeline imputes by the mean and uses a {@code RobustScaler};
 * its folds are scikit-learn's {@code StratifiedKFold(shuffle=True)} without a seed, so its figure
 * varies from run to run where this one is fixed by the seed.
 *
 * @param folds the number of folds
 * @param realRows real rows compared
 * @param syntheticRows synthetic rows compared
 * @param foldAuc the ROC AUC on each held-out fold, unclipped (below 0.5 when a fold's classifier
 *     does worse than chance, which on indistinguishable tables is noise)
 * @param auc the mean over folds of {@code max(fold AUC, 0.5)}, clipped per fold as SDMetrics
 *     clips: 0.5 when the classifier cannot tell the tables apart, 1 when it separates them; NaN
 *     when a side has fewer rows than folds
 * @param score SDMetrics' detection score, {@code 1 - (2 auc - 1)}, in [0, 1], 1 best
 */
public record Detection(
    int folds, int realRows, int syntheticRows, List<Double> foldAuc, double auc, double score) {

  /** SDMetrics' number of folds. */
  public static final int DEFAULT_FOLDS = 3;

  static final String LABEL = "(synthetic)";

  public Detection {
    foldAuc = List.copyOf(foldAuc);
  }

  /** The test with 3 folds. */
  public static Detection of(Table real, Table synthetic, Seed seed) {
    return of(real, synthetic, DEFAULT_FOLDS, seed);
  }

  /**
   * The test with {@code folds} (at least 2) stratified folds. Each table needs at least {@code
   * folds} rows, so that every fold holds both kinds; with fewer, AUC and score are NaN.
   */
  public static Detection of(Table real, Table synthetic, int folds, Seed seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("number of folds is less than 2: " + folds);
    }
    Objects.requireNonNull(seed, "seed");
    int n = real.rowCount();
    int m = synthetic.rowCount();
    if (n < folds || m < folds) {
      return new Detection(folds, n, m, List.of(), Double.NaN, Double.NaN);
    }
    Table table = labelledFeatures(real, synthetic);
    CrossValidation cv = CrossValidation.stratified(folds, seed.derive("detection"));
    int[] fold = cv.assignFolds(table, LABEL);
    boolean[] synthetic01 = new boolean[n + m];
    Arrays.fill(synthetic01, n, n + m, true);
    LogisticRegression.Trainer trainer = LogisticRegression.trainer(LABEL);
    List<Double> aucs = new ArrayList<>(folds);
    double clipped = 0; // sum over folds of max(AUC, 0.5)
    for (int f = 0; f < folds; f++) {
      int[] test = rows(fold, f, true);
      int[] train = rows(fold, f, false);
      Classifier model = trainer.fit(table.take(train));
      int syntheticClass = model.classes().indexOf("1");
      double[] p = model.predictProba(table.take(test)).column(syntheticClass);
      boolean[] truth = new boolean[test.length];
      for (int t = 0; t < test.length; t++) {
        truth[t] = synthetic01[test[t]];
      }
      double auc = Ranking.rocAuc(p, truth);
      aucs.add(auc);
      clipped += Math.max(auc, 0.5);
    }
    double auc = clipped / folds;
    return new Detection(folds, n, m, aucs, auc, 1 - (2 * auc - 1));
  }

  /**
   * The encoded features of both tables as numeric columns {@code x0, x1, ...}, real rows first,
   * and the label column: "0" for real rows, "1" for synthetic ones.
   */
  static Table labelledFeatures(Table real, Table synthetic) {
    List<String> columns = FeatureRows.comparedColumns(real);
    Table both = real.select(columns).concat(synthetic.select(columns));
    FeatureEncoder encoder = FeatureEncoder.fit(both, columns);
    FeatureMatrix x = encoder.transform(both);
    Table.Builder b = Table.builder();
    double[] column = new double[x.rows()];
    for (int j = 0; j < x.cols(); j++) {
      for (int r = 0; r < x.rows(); r++) {
        column[r] = x.get(r, j);
      }
      b.numeric("x" + j, column);
    }
    int[] codes = new int[x.rows()];
    Arrays.fill(codes, real.rowCount(), codes.length, 1);
    b.add(ColumnSpec.categorical(LABEL), CategoricalColumn.of(codes, List.of("0", "1")));
    b.role(LABEL, ColumnRole.LABEL);
    return b.build();
  }

  private static int[] rows(int[] fold, int f, boolean equal) {
    return java.util.stream.IntStream.range(0, fold.length)
        .filter(r -> (fold[r] == f) == equal)
        .toArray();
  }
}
