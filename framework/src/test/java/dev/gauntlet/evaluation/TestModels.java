package dev.gauntlet.evaluation;

import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import java.util.List;
import java.util.function.IntPredicate;

/** Classifiers written for the tests: they are right or wrong on the rows a test chooses. */
final class TestModels {
  private TestModels() {}

  /**
   * A two-class model ({@code "0"}, {@code "1"}) that gives the true class (read from {@code
   * label}) probability 0.8 on every row, except where {@code wrong} holds of the table it is
   * given, where it gives it 0.2.
   */
  static Classifier wrongWhere(String label, Table truthTable, WrongRule wrong) {
    return new Classifier() {
      @Override
      public List<String> classes() {
        return List.of("0", "1");
      }

      @Override
      public ClassProbabilities predictProba(Table table) {
        IntPredicate isWrong = wrong.rows(table);
        int n = table.rowCount();
        double[] flat = new double[2 * n];
        for (int r = 0; r < n; r++) {
          int truth = truthTable.column(label).format(r).equals("1") ? 1 : 0;
          double pTrue = isWrong.test(r) ? 0.2 : 0.8;
          flat[2 * r + truth] = pTrue;
          flat[2 * r + 1 - truth] = 1 - pTrue;
        }
        return ClassProbabilities.of(classes(), n, flat);
      }
    };
  }

  /** Which rows of a table a test model gets wrong. */
  @FunctionalInterface
  interface WrongRule {
    IntPredicate rows(Table table);
  }
}
