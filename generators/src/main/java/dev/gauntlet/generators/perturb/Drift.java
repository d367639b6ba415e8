package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumberText;
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
              "columns",
              "",
              "the numeric columns to shift, as a;b (default: every numeric feature)"),
          param("column", "", "the same as columns= (the older name)"),
          param("shift", "1.0", "mean shift in units of each column's standard deviation"),
          param("scale", "1.0", "factor on each value's distance from the mean"));
    }

    @Override
    Body body(Params p) {
      double shift = p.number("shift");
      double scale = p.number("scale", 0, 1e6);
      if (p.optional("column") != null && p.optional("columns") != null) {
        throw p.error(
            "column",
            "both column= and columns=",
            "one of them (they mean the same)",
            "give the columns once, as columns=a;b");
      }
      String key = p.optional("column") != null ? "column" : "columns";
      return (d, severity, seed) -> {
        Table t = d.table();
        double k = (scale - 1) * severity;
        for (String c : d.columns(p, key, ColumnType.NUMERIC)) {
          NumericColumn before = t.numeric(c);
          double[] ms = Domain.meanStd(before);
          double move = shift * severity * ms[1];
          double[] v = before.values();
          for (int r = 0; r < v.length; r++) {
            // Written as a change of v, so that severity 0 adds exactly 0 (no rounding).
            v[r] += (v[r] - ms[0]) * k + move;
          }
          t = Domain.replace(t, c, d.fixed(c, before, v));
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
          param("strength", "2.0", "log-odds of selection per standard deviation at severity 1"),
          param(
              "max-weight",
              "5",
              "the most copies a row gets on average (its weight, the mean weight being 1):"
                  + " bounds what a few extreme rows can become"));
    }

    @Override
    public boolean keepsRowIdentity() {
      return false;
    }

    @Override
    Body body(Params p) {
      String side = p.choice("side", "high", "low");
      double strength = p.number("strength", 0, 50);
      double maxWeight = p.number("max-weight", 1, 1e6);
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
        w = Sampling.capped(w, maxWeight);
        int[] rows = Sampling.inPlace(w, seed.rng());
        d.resampled(Sampling.replaced(rows), w);
        return t.take(rows);
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
          // cos - 1 as -2 sin^2(theta / 2): exact 0 at angle 0, accurate for small angles.
          double cosMinusOne = -2 * Math.pow(Math.sin(theta / 2), 2);
          double sin = Math.sin(theta);
          for (int r = 0; r < va.length; r++) {
            // A missing value stays missing; its partner turns as if it were at the mean (z 0)
            // rather than becoming missing too.
            double za = Double.isNaN(va[r]) ? 0 : (va[r] - ma[0]) / ma[1];
            double zb = Double.isNaN(vb[r]) ? 0 : (vb[r] - mb[0]) / mb[1];
            // Written as changes of the values, so that angle 0 changes nothing (no rounding).
            va[r] += ma[1] * (za * cosMinusOne - zb * sin);
            vb[r] += mb[1] * (za * sin + zb * cosMinusOne);
          }
          t =
              Domain.replace(
                  Domain.replace(t, a, d.fixed(a, t.numeric(a), va)),
                  b,
                  d.fixed(b, t.numeric(b), vb));
        }
        return t;
      };
    }
  }

  /** Resamples rows to target class proportions. */
  public static final class PriorShift extends BaseProvider {
    /** How far from 1 the shares may sum (0.333;0.333;0.333 is a third each). */
    static final double SUM_TOLERANCE = 0.001;

    public PriorShift() {
      super(
          "prior-shift",
          "resample rows (same count) to target class proportions of the label: rows of classes"
              + " above their target are replaced, in place, by copies of rows of classes below it",
          param(
              "proportions",
              null,
              "target share per class, summing to 1, as yes=0.3;no=0.7 (a class not named: 0)"));
    }

    @Override
    public boolean keepsRowIdentity() {
      return false;
    }

    @Override
    Body body(Params p) {
      Map<String, Double> target = p.numberMap("proportions");
      double sum = target.values().stream().mapToDouble(Double::doubleValue).sum();
      if (target.values().stream().anyMatch(v -> !(v >= 0 && v <= 1))) {
        throw p.error(
            "proportions",
            target.toString(),
            "shares from 0 to 1",
            "write each class's share of the rows, as yes=0.3;no=0.7");
      }
      if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
        throw p.error(
            "proportions",
            "shares that sum to " + NumberText.format(sum) + ": " + target,
            "shares of the rows that sum to 1 (within " + SUM_TOLERANCE + ")",
            "give each class its share of the rows, the shares summing to 1 (a class left out"
                + " gets 0), e.g. proportions=yes=0.3;no=0.7");
      }
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        Table t = d.table();
        CategoricalColumn y = Domain.labelColumn(t, label, p);
        int k = y.levels().size();
        for (String cls : target.keySet()) {
          if (!y.levels().contains(cls)) {
            throw p.error(
                "proportions",
                "class " + quote(cls),
                "classes of " + quote(label) + ": " + y.levels(),
                "name the label's classes");
          }
        }
        int[] counts = y.counts();
        int present = Arrays.stream(counts).sum();
        double[] share = new double[k];
        for (int c = 0; c < k; c++) {
          double goal = target.getOrDefault(y.levels().get(c), 0.0) / sum;
          double now = present == 0 ? 0 : (double) counts[c] / present;
          share[c] = now + (goal - now) * severity;
        }
        // Rows with a missing label keep their place; the labelled ones are apportioned.
        int[] want = Sampling.apportion(share, present);
        for (int c = 0; c < k; c++) {
          if (want[c] > 0 && counts[c] == 0) {
            throw p.error(
                "proportions",
                "no row of class " + quote(y.levels().get(c)),
                "rows of every class asked for",
                "give that class share 0");
          }
        }
        UniformRandomProvider rng = seed.rng();
        List<int[]> members = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          members.add(new int[counts[c]]);
        }
        int[] fill = new int[k];
        for (int r = 0; r < t.rowCount(); r++) {
          if (!y.isMissing(r)) {
            members.get(y.code(r))[fill[y.code(r)]++] = r;
          }
        }
        // Classes above their target give up slots (rows chosen uniformly); the slots, in a
        // random order, take copies of rows drawn uniformly from the classes below theirs.
        List<Integer> slots = new ArrayList<>();
        List<Integer> copies = new ArrayList<>();
        for (int c = 0; c < k; c++) {
          int[] m = members.get(c);
          if (want[c] < counts[c]) {
            int[] pick = PermutationSampler.natural(m.length);
            PermutationSampler.shuffle(rng, pick);
            for (int i = 0; i < counts[c] - want[c]; i++) {
              slots.add(m[pick[i]]);
            }
          }
          for (int i = counts[c]; i < want[c]; i++) {
            copies.add(m[rng.nextInt(m.length)]);
          }
        }
        int[] order = PermutationSampler.natural(slots.size());
        PermutationSampler.shuffle(rng, order);
        int[] rows = PermutationSampler.natural(t.rowCount());
        for (int i = 0; i < order.length; i++) {
          rows[slots.get(order[i])] = copies.get(i);
        }
        double[] w = new double[t.rowCount()];
        for (int r = 0; r < w.length; r++) {
          w[r] = y.isMissing(r) ? 1 : (double) want[y.code(r)] / counts[y.code(r)];
        }
        d.resampled(slots.size(), w);
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
