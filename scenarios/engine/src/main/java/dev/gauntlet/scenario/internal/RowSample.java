package dev.gauntlet.scenario.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * {@code data: {csv: ..., rows: N}}: N rows of a CSV drawn without replacement, stratified by a
 * label read as classes (a categorical one, or a numeric one of at most {@value #MAX_CLASSES}
 * values): each class keeps its share, rounded by largest remainder so that the total is N; at
 * random for any other label. The rows keep the file's order.
 */
final class RowSample {
  /** A numeric label with more distinct values than this is not read as classes. */
  static final int MAX_CLASSES = 20;

  private RowSample() {}

  static Table of(Table all, String label, int rows, Seed seed, String where) {
    int n = all.rowCount();
    if (rows > n) {
      throw new UserInputException(
          where,
          rows + " rows asked of a CSV with " + n,
          "at most the CSV's " + n + " rows",
          "ask for fewer rows, or remove rows to keep them all");
    }
    if (rows == n) {
      return all;
    }
    UniformRandomProvider rng = seed.rng();
    List<int[]> groups = new ArrayList<>();
    int[] codes = all.classCodes(label);
    int classes = Arrays.stream(codes).max().orElse(-1) + 1;
    if (all.column(label).type() == ColumnType.CATEGORICAL || classes <= MAX_CLASSES + 1) {
      int[] sizes = new int[classes];
      for (int c : codes) {
        sizes[c]++;
      }
      int[][] members = new int[classes][];
      int[] filled = new int[classes];
      for (int c = 0; c < classes; c++) {
        members[c] = new int[sizes[c]];
      }
      for (int r = 0; r < n; r++) {
        members[codes[r]][filled[codes[r]]++] = r;
      }
      groups.addAll(Arrays.asList(members));
    } else {
      groups.add(PermutationSampler.natural(n));
    }
    int[] quota = quotas(groups, rows, n);
    boolean[] keep = new boolean[n];
    for (int g = 0; g < groups.size(); g++) {
      int[] m = groups.get(g);
      PermutationSampler.shuffle(rng, m);
      for (int i = 0; i < quota[g]; i++) {
        keep[m[i]] = true;
      }
    }
    int[] taken = new int[rows];
    for (int r = 0, i = 0; r < n; r++) {
      if (keep[r]) {
        taken[i++] = r;
      }
    }
    return all.take(taken);
  }

  /**
   * Each group's share of {@code rows}, floored, the rest to the largest remainders (ties: first).
   */
  static int[] quotas(List<int[]> groups, int rows, int n) {
    int k = groups.size();
    int[] quota = new int[k];
    double[] remainder = new double[k];
    int given = 0;
    for (int g = 0; g < k; g++) {
      double exact = (double) rows * groups.get(g).length / n;
      quota[g] = (int) Math.floor(exact);
      remainder[g] = exact - quota[g];
      given += quota[g];
    }
    for (; given < rows; given++) {
      int best = -1;
      for (int g = 0; g < k; g++) {
        if (quota[g] < groups.get(g).length && (best < 0 || remainder[g] > remainder[best])) {
          best = g;
        }
      }
      quota[best]++;
      remainder[best] = -1;
    }
    return quota;
  }
}
