package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.metrics.Accuracy;
import dev.gauntlet.model.Classifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The space an evasion attack searches, shared by the black-box ({@link EvasionAttack}) and
 * white-box ({@link GradientAttack}) attacks so their budgets and results mean the same: the
 * attacked columns (numeric features that are neither the label nor immutable), each row's offsets
 * in per-column standard deviations of a reference table, the box of offsets the budget and the
 * domain allow (declared ranges, non-negativity, whole numbers rounded inward), the realized value
 * of an offset (whole-number columns rounded), the model queries per row, and the result.
 */
class AttackSpace {
  final Table table;
  final Norm norm;
  final double epsilon;
  final Domain dom;
  final List<String> cols;
  final int n;
  final int d;
  final double[][] x; // [row][col]
  final double[] s;
  final double[][] lo; // budget box in std units, after domain and whole numbers
  final double[][] hi;
  final int[] queries;

  AttackSpace(
      Table table, Norm norm, double epsilon, Map<String, String> domain, Table scaleReference) {
    this.table = table;
    this.norm = norm;
    this.epsilon = epsilon;
    this.dom = Domain.of(table, "attack", domain);
    if (dom.label() != null) {
      Accuracy.requireLabels(table, dom.label()); // refused before the attack, not after it
    }
    List<String> c = new ArrayList<>();
    for (String name : dom.mutable(ColumnType.NUMERIC)) {
      if (table.schema().spec(name).role() == ColumnRole.FEATURE) {
        c.add(name);
      }
    }
    this.cols = List.copyOf(c);
    this.n = table.rowCount();
    this.d = cols.size();
    this.x = new double[n][d];
    this.s = new double[d];
    this.lo = new double[n][d];
    this.hi = new double[n][d];
    Table ref = scaleReference == null ? table : scaleReference;
    for (int j = 0; j < d; j++) {
      s[j] = Domain.meanStd(ref.numeric(cols.get(j)))[1];
      NumericColumn col = table.numeric(cols.get(j));
      for (int r = 0; r < n; r++) {
        x[r][j] = col.get(r);
        box(r, j, epsilon, lo, hi);
      }
    }
    this.queries = new int[n];
  }

  /** The feasible offsets (std units) of a cell within radius {@code e}; [0, 0] if fixed. */
  void box(int r, int j, double e, double[][] outLo, double[][] outHi) {
    double v = x[r][j];
    String name = cols.get(j);
    double[] b = dom.bounds(name);
    double a = Math.max(b[0], v - e * s[j]);
    double z = Math.min(b[1], v + e * s[j]);
    if (dom.isInteger(name)) {
      a = Math.ceil(a - 1e-9);
      z = Math.floor(z + 1e-9);
    }
    if (Double.isNaN(v) || a > v || z < v) {
      outLo[r][j] = 0;
      outHi[r][j] = 0;
    } else {
      outLo[r][j] = (a - v) / s[j];
      outHi[r][j] = (z - v) / s[j];
    }
  }

  /** The value a row's column takes at an offset: whole numbers rounded towards the row. */
  double value(int r, int j, double z) {
    double v = x[r][j] + z * s[j];
    if (dom.isInteger(cols.get(j))) {
      double delta = z * s[j];
      v =
          x[r][j]
              + (norm == Norm.L2
                  ? (delta < 0 ? Math.ceil(delta - 1e-9) : Math.floor(delta + 1e-9))
                  : Math.rint(delta));
    }
    return Double.isNaN(x[r][j]) ? x[r][j] : v;
  }

  /** The offset actually applied (after rounding), in std units. */
  double[] realized(int r, double[] z) {
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = Double.isNaN(x[r][j]) ? 0 : (value(r, j, z[j]) - x[r][j]) / s[j];
    }
    return out;
  }

  double size(double[] z) {
    double m = 0;
    for (double v : z) {
      m = norm == Norm.LINF ? Math.max(m, Math.abs(v)) : m + v * v;
    }
    return norm == Norm.LINF ? m : Math.sqrt(m);
  }

  Table candidates(int[] rows, double[][] z) {
    Table t = table.take(rows);
    for (int j = 0; j < d; j++) {
      double[] v = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        v[i] = value(rows[i], j, z[i][j]);
      }
      t = Domain.replace(t, cols.get(j), NumericColumn.of(v));
    }
    for (int r : rows) {
      queries[r]++;
    }
    return t;
  }

  double[] scale(double[] z, double k) {
    double[] out = z.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] *= k;
    }
    return out;
  }

  /** Clamps into the box, then (L2) shrinks into the ball of radius {@code e}. */
  double[] project(int r, double[] z, double[][] a, double[][] b, double e) {
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = Math.min(b[r][j], Math.max(a[r][j], z[j]));
    }
    double m = size(out);
    return norm == Norm.L2 && m > e ? scale(out, e / m) : out;
  }

  /** The result of an attack that found offsets {@code found[r]} (null: none) for {@code model}. */
  AttackResult result(String method, Classifier model, double[][] found) {
    String label = dom.label();
    int attacked = n;
    if (label != null && n > 0) {
      // An attacker wants right answers made wrong; a row the model already gets wrong is left as
      // it is. Otherwise a search that moves it away from its (wrong) predicted class can make it
      // right, and accuracy under attack would hide the successes it counts.
      boolean[] correct = Accuracy.correct(model, table, label);
      for (int r = 0; r < n; r++) {
        if (!correct[r]) {
          found[r] = null;
          attacked--;
        }
      }
    }
    List<Integer> successes = new ArrayList<>();
    double sumNorm = 0;
    double sumRelative = 0;
    Table adversarial = table;
    double[][] values = new double[d][n];
    for (int r = 0; r < n; r++) {
      double[] z = found[r] == null ? new double[d] : found[r];
      for (int j = 0; j < d; j++) {
        values[j][r] = found[r] == null ? x[r][j] : value(r, j, z[j]);
      }
      if (found[r] != null) {
        successes.add(r);
        double[] real = realized(r, z);
        double[] base = new double[d];
        for (int j = 0; j < d; j++) {
          base[j] = Double.isNaN(x[r][j]) ? 0 : x[r][j] / s[j];
        }
        double m = size(real);
        sumNorm += m;
        sumRelative += m / Math.max(1e-12, size(base));
      }
    }
    for (int j = 0; j < d; j++) {
      adversarial = Domain.replace(adversarial, cols.get(j), NumericColumn.of(values[j]));
    }
    int total = 0;
    int most = 0;
    for (int q : queries) {
      total += q;
      most = Math.max(most, q);
    }
    int k = successes.size();
    return new AttackResult(
        method,
        n,
        attacked,
        k,
        accuracy(model, table, label),
        accuracy(model, adversarial, label),
        k == 0 ? Double.NaN : sumNorm / k,
        k == 0 ? Double.NaN : sumRelative / k,
        n == 0 ? 0 : (double) total / n,
        most,
        successes,
        adversarial);
  }

  double accuracy(Classifier model, Table t, String label) {
    if (label == null || n == 0) {
      return Double.NaN;
    }
    return Accuracy.of(model, t, label); // a missing label is refused, as everywhere
  }

  static int[] identity(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
