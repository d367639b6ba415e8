package dev.gauntlet.evaluation;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.CrossValidation;
import dev.gauntlet.model.DecisionTree;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detects leakage between a training and a test table.
 *
 * <ul>
 *   <li><b>Exact duplicates</b>: test rows equal, in every column, to some training row.
 *   <li><b>Near duplicates</b>: test rows equal to a training row in every categorical column and
 *       within {@code tolerance} training standard deviations in every numeric one (exact ones
 *       included).
 *   <li><b>Label proxies</b>: a depth-3 decision tree on one feature alone, trained on the training
 *       table, scores test accuracy at least {@code proxyAccuracy}: a feature that predicts the
 *       label too well.
 * </ul>
 */
public final class LeakageCheck {
  private final double tolerance;
  private final double proxyAccuracy;

  private LeakageCheck(double tolerance, double proxyAccuracy) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance is negative: " + tolerance);
    }
    if (!(proxyAccuracy > 0 && proxyAccuracy <= 1)) {
      throw new IllegalArgumentException("proxy accuracy is not within (0, 1]: " + proxyAccuracy);
    }
    this.tolerance = tolerance;
    this.proxyAccuracy = proxyAccuracy;
  }

  /** Near duplicates within 0.01 std; a proxy when one feature reaches 0.95 accuracy. */
  public static LeakageCheck withDefaults() {
    return new LeakageCheck(0.01, 0.95);
  }

  public LeakageCheck withTolerance(double newTolerance) {
    return new LeakageCheck(newTolerance, proxyAccuracy);
  }

  public LeakageCheck withProxyAccuracy(double newProxyAccuracy) {
    return new LeakageCheck(tolerance, newProxyAccuracy);
  }

  /**
   * What the check found.
   *
   * @param exactDuplicates test rows that equal a training row in every column
   * @param nearDuplicates test rows within tolerance of a training row (exact ones included)
   * @param featureAccuracy each feature's one-feature test accuracy, by column
   * @param proxies the features at or above the proxy accuracy
   */
  public record Report(
      int exactDuplicates,
      int nearDuplicates,
      Map<String, Double> featureAccuracy,
      List<String> proxies) {
    public Report {
      featureAccuracy = Map.copyOf(featureAccuracy);
      proxies = List.copyOf(proxies);
    }

    /** Whether anything points at leakage. */
    public boolean leaks() {
      return exactDuplicates > 0 || nearDuplicates > 0 || !proxies.isEmpty();
    }
  }

  public Report run(Table train, Table test, String label) {
    Set<String> trainRows = new HashSet<>();
    for (int r = 0; r < train.rowCount(); r++) {
      trainRows.add(key(train, r, false));
    }
    int exact = 0;
    for (int r = 0; r < test.rowCount(); r++) {
      exact += trainRows.contains(key(test, r, false)) ? 1 : 0;
    }
    // Near duplicates: group training rows by their categorical values, compare numerics within.
    List<String> numeric = new ArrayList<>();
    for (String c : train.schema().names()) {
      if (train.column(c) instanceof NumericColumn) {
        numeric.add(c);
      }
    }
    double[] std = new double[numeric.size()];
    for (int j = 0; j < std.length; j++) {
      std[j] = std(train.numeric(numeric.get(j)));
    }
    Map<String, List<Integer>> groups = new HashMap<>();
    for (int r = 0; r < train.rowCount(); r++) {
      groups.computeIfAbsent(key(train, r, true), k -> new ArrayList<>()).add(r);
    }
    int near = 0;
    for (int r = 0; r < test.rowCount(); r++) {
      List<Integer> candidates = groups.getOrDefault(key(test, r, true), List.of());
      for (int t : candidates) {
        boolean close = true;
        for (int j = 0; j < std.length && close; j++) {
          double a = train.numeric(numeric.get(j)).get(t);
          double b = test.numeric(numeric.get(j)).get(r);
          close = (Double.isNaN(a) && Double.isNaN(b)) || Math.abs(a - b) <= tolerance * std[j];
        }
        if (close) {
          near++;
          break;
        }
      }
    }
    Map<String, Double> accuracy = new HashMap<>();
    List<String> proxies = new ArrayList<>();
    for (String c : train.schema().names(ColumnRole.FEATURE)) {
      if (c.equals(label)) {
        continue;
      }
      Table one = train.select(c, label).withRole(label, ColumnRole.LABEL);
      Classifier tree = DecisionTree.trainer(label).withMaxDepth(3).fit(one);
      double a = CrossValidation.accuracy(tree, test, label);
      accuracy.put(c, a);
      if (a >= proxyAccuracy) {
        proxies.add(c);
      }
    }
    return new Report(exact, near, accuracy, proxies);
  }

  /** A row's text, all columns or (categoricalOnly) the categorical ones, unit-separated. */
  private static String key(Table t, int r, boolean categoricalOnly) {
    StringBuilder b = new StringBuilder();
    for (Column c : t.columns()) {
      if (categoricalOnly && !(c instanceof CategoricalColumn)) {
        continue;
      }
      b.append(c.isMissing(r) ? "\u0000" : c.format(r)).append('\u001f');
    }
    return b.toString();
  }

  private static double std(NumericColumn c) {
    double sum = 0;
    double ss = 0;
    int n = 0;
    for (int r = 0; r < c.size(); r++) {
      double v = c.get(r);
      if (!Double.isNaN(v)) {
        sum += v;
        ss += v * v;
        n++;
      }
    }
    if (n == 0) {
      return 0;
    }
    double mean = sum / n;
    return Math.sqrt(Math.max(0, ss / n - mean * mean));
  }
}
