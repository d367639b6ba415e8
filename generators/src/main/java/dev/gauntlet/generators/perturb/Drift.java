package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/** Drift: the world the data comes from changes. */
final class Drift {
  private Drift() {}

  /** Mean shift in std units and a scale change of numeric columns. */
  public static final class CovariateShift extends BaseProvider {
    public CovariateShift() {
      super(
          "covariate-shift",
          "shift numeric columns by a number of their standard deviations and scale their spread",
          param(
              "column",
              "",
              "the numeric columns to shift, as a;b (default: every numeric feature)"),
          param("shift", "1.0", "mean shift in units of each column's standard deviation"),
          param("scale", "1.0", "factor on each value's distance from the mean"));
    }

    @Override
    Body body(Params p) {
      double shift = p.number("shift");
      double scale = p.number("scale", 0, 1e6);
      return (d, severity, seed) -> {
        Table t = d.table();
        for (String c : d.columns(p, "column", ColumnType.NUMERIC)) {
          double[] ms = Domain.meanStd(t.numeric(c));
          double k = 1 + (scale - 1) * severity;
          double[] v = t.numeric(c).values();
          for (int r = 0; r < v.length; r++) {
            v[r] = ms[0] + (v[r] - ms[0]) * k + shift * severity * ms[1];
          }
          t = Domain.replace(t, c, d.fixed(c, v));
        }
        return t;
      };
    }
  }

  /** Resamples rows to over-represent one end of a numeric column. */
  public static final class SelectionBias extends BaseProvider {
    public SelectionBias() {
      super(
          "selection-bias",
          "resample rows so that high (or low) values of one numeric column are over-represented",
          param("column", null, "the numeric column that decides selection"),
          param("side", "high", "which end is over-sampled: high or low"),
          param("strength", "2.0", "log-odds of selection per standard deviation at severity 1"));
    }

    @Override
    Body body(Params p) {
      String side = p.choice("side", "high", "low");
      double strength = p.number("strength", 0, 50);
      return (d, severity, seed) -> {
        String c = d.columns(p, "column", ColumnType.NUMERIC).get(0);
        Table t = d.table();
        NumericColumn col = t.numeric(c);
        double[] ms = Domain.meanStd(col);
        double beta = strength * severity * ("high".equals(side) ? 1 : -1);
        double[] w = new double[t.rowCount()];
        for (int r = 0; r < w.length; r++) {
          double z = col.isMissing(r) ? 0 : (col.get(r) - ms[0]) / ms[1];
          w[r] = Math.exp(beta * Math.max(-10, Math.min(10, z)));
        }
        return t.take(Sampling.weighted(w, t.rowCount(), seed.rng()));
      };
    }
  }

  /** Rotates pairs of standardized numeric columns by an angle. */
  public static final class Rotation extends BaseProvider {
    public Rotation() {
      super(
          "rotation",
          "rotate standardized numeric columns, pair by pair, by an angle",
          param("columns", "", "numeric columns, as a;b;... (default: every numeric feature)"),
          param("angle", "45", "the rotation angle in degrees at severity 1"));
    }

    @Override
    Body body(Params p) {
      double angle = p.number("angle", -360, 360);
      return (d, severity, seed) -> {
        List<String> cols = new ArrayList<>(d.columns(p, "columns", ColumnType.NUMERIC));
        if (cols.size() < 2) {
          throw p.error(
              "columns",
              cols.isEmpty() ? "no numeric feature" : "only " + cols,
              "at least two numeric columns (they turn pair by pair)",
              "name two or more numeric columns, as columns=a;b");
        }
        int[] order = PermutationSampler.natural(cols.size());
        PermutationSampler.shuffle(seed.rng(), order);
        double theta = Math.toRadians(angle * severity);
        Table t = d.table();
        for (int i = 0; i + 1 < order.length; i += 2) {
          String a = cols.get(order[i]);
          String b = cols.get(order[i + 1]);
          double[] ma = Domain.meanStd(t.numeric(a));
          double[] mb = Domain.meanStd(t.numeric(b));
          double[] va = t.numeric(a).values();
          double[] vb = t.numeric(b).values();
          for (int r = 0; r < va.length; r++) {
            double za = (va[r] - ma[0]) / ma[1];
            double zb = (vb[r] - mb[0]) / mb[1];
            va[r] = ma[0] + ma[1] * (za * Math.cos(theta) - zb * Math.sin(theta));
            vb[r] = mb[0] + mb[1] * (za * Math.sin(theta) + zb * Math.cos(theta));
          }
          t = Domain.replace(Domain.replace(t, a, d.fixed(a, va)), b, d.fixed(b, vb));
        }
        return t;
      };
    }
  }

  /** Resamples rows to target class proportions. */
  public static final class PriorShift extends BaseProvider {
    public PriorShift() {
      super(
          "prior-shift",
          "resample rows (same count) to target class proportions of the label",
          param("proportions", null, "target share per class, as yes=0.5;no=0.5"));
    }

    @Override
    Body body(Params p) {
      Map<String, Double> target = p.numberMap("proportions");
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        Table t = d.table();
        CategoricalColumn y = Domain.labelColumn(t, label, p);
        int n = t.rowCount();
        int k = y.levels().size();
        double sum = target.values().stream().mapToDouble(Double::doubleValue).sum();
        for (String cls : target.keySet()) {
          if (!y.levels().contains(cls)) {
            throw p.error(
                "proportions",
                "class " + quote(cls),
                "classes of " + quote(label) + ": " + y.levels(),
                "name the label's classes");
          }
        }
        if (!(sum > 0) || target.values().stream().anyMatch(v -> v < 0)) {
          throw p.error(
              "proportions",
              target.toString(),
              "non-negative shares with a positive sum",
              "fix the shares");
        }
        int[] counts = y.counts();
        List<int[]> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          members.add(new int[counts[c]]);
        }
        int[] fill = new int[k];
        for (int r = 0; r < n; r++) {
          if (!y.isMissing(r)) {
            members.get(y.code(r))[fill[y.code(r)]++] = r;
          }
        }
        int present = Arrays.stream(counts).sum();
        UniformRandomProvider rng = seed.rng();
        int[] out = new int[n];
        int pos = 0;
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
          double goal = target.getOrDefault(y.levels().get(c), 0.0) / sum;
          double now = present == 0 ? 0 : (double) counts[c] / present;
          share[c] = now + (goal - now) * severity;
        }
        int[] want = Sampling.apportion(share, n);
        for (int c = 0; c < k; c++) {
          int[] m = members.get(c);
          if (want[c] > 0 && m.length == 0) {
            throw p.error(
                "proportions",
                "no row of class " + quote(y.levels().get(c)),
                "rows of every class asked for",
                "give that class share 0");
          }
          for (int i = 0; i < want[c]; i++) {
            out[pos++] = m[rng.nextInt(m.length)];
          }
        }
        int[] rows = Arrays.copyOf(out, pos);
        PermutationSampler.shuffle(rng, rows);
        return t.take(rows);
      };
    }
  }

  /** The labelling rule changes in a region of one numeric column. */
  public static final class ConceptDrift extends BaseProvider {
    public ConceptDrift() {
      super(
          "concept-drift",
          "flip labels in a region (one numeric column above or below a quantile)",
          param("column", null, "the numeric column that defines the region"),
          param("quantile", "0.5", "the region starts at this quantile of the column"),
          param("side", "above", "the region: above or below the quantile"),
          param("rate", "1.0", "share of the region's labels changed at severity 1"));
    }

    @Override
    Body body(Params p) {
      double q = p.rate("quantile");
      String side = p.choice("side", "above", "below");
      double rate = p.rate("rate");
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        String c = d.columns(p, "column", ColumnType.NUMERIC).get(0);
        Table t = d.table();
        double[] v = Domain.present(t.numeric(c));
        Arrays.sort(v);
        double cut = v.length == 0 ? 0 : v[(int) Math.min(v.length - 1, Math.floor(q * v.length))];
        NumericColumn col = t.numeric(c);
        boolean[] region = new boolean[t.rowCount()];
        for (int r = 0; r < region.length; r++) {
          region[r] =
              !col.isMissing(r) && ("above".equals(side) ? col.get(r) >= cut : col.get(r) < cut);
        }
        return Poison.flipLabels(t, label, p, region, rate * severity, null, seed);
      };
    }
  }
}
