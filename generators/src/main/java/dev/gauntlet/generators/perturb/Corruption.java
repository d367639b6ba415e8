package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Corruption: the data pipeline damages values. */
final class Corruption {
  private Corruption() {}

  static final String COLUMNS_HELP =
      "the columns, as a;b (default: every feature column of the accepted types)";

  /** Additive Gaussian noise relative to each column's std. */
  public static final class GaussianNoise extends BaseProvider {
    public GaussianNoise() {
      super(
          "gaussian-noise",
          "add Gaussian noise with a standard deviation of scale times each numeric column's own",
          param(
              "scale",
              "0.1",
              "noise standard deviation in units of the column's standard deviation"),
          param("columns", "", COLUMNS_HELP));
    }

    @Override
    Body body(Params p) {
      double scale = p.number("scale", 0, 1e6);
      return (d, severity, seed) -> {
        Table t = d.table();
        int i = 0;
        for (String c : d.columns(p, "columns", ColumnType.NUMERIC)) {
          var gauss = ZigguratSampler.NormalizedGaussian.of(seed.rng("gaussian-noise", i++));
          double sd = Domain.meanStd(t.numeric(c))[1] * scale * severity;
          double[] v = t.numeric(c).values();
          for (int r = 0; r < v.length; r++) {
            v[r] += sd * gauss.sample();
          }
          t = Domain.replace(t, c, d.fixed(c, t.numeric(c), v));
        }
        return t;
      };
    }
  }

  /** Multiplicative noise: each value times (1 + scale * N(0, 1)). */
  public static final class MultiplicativeNoise extends BaseProvider {
    public MultiplicativeNoise() {
      super(
          "multiplicative-noise",
          "multiply each numeric value by 1 + scale * a standard Gaussian draw",
          param("scale", "0.1", "the relative noise level"),
          param("columns", "", COLUMNS_HELP));
    }

    @Override
    Body body(Params p) {
      double scale = p.number("scale", 0, 1e6);
      return (d, severity, seed) -> {
        Table t = d.table();
        int i = 0;
        for (String c : d.columns(p, "columns", ColumnType.NUMERIC)) {
          var gauss = ZigguratSampler.NormalizedGaussian.of(seed.rng("multiplicative-noise", i++));
          double[] v = t.numeric(c).values();
          for (int r = 0; r < v.length; r++) {
            v[r] *= 1 + scale * severity * gauss.sample();
          }
          t = Domain.replace(t, c, d.fixed(c, t.numeric(c), v));
        }
        return t;
      };
    }
  }

  /** Missing values: MCAR, MAR (driven by another column) or MNAR (by the value itself). */
  public static final class Missing extends BaseProvider {
    public Missing() {
      super(
          "missing",
          "blank a share of the cells: completely at random (mcar), by another column (mar), or by the value (mnar)",
          param("rate", "0.1", "expected share of the cells blanked at severity 1"),
          param("mechanism", "mcar", "mcar, mar or mnar"),
          param("columns", "", "the columns, as a;b (default: every column but the label)"),
          param(
              "by",
              "",
              "mar: the numeric column whose high values make a cell more often missing (default: the first numeric column not blanked, else the first numeric column)"));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      String mechanism = p.choice("mechanism", "mcar", "mar", "mnar");
      return (d, severity, seed) -> {
        Table input = d.table();
        Table t = input;
        List<String> cols = d.columns(p, "columns", ColumnType.NUMERIC, ColumnType.CATEGORICAL);
        double[] driver = null;
        if ("mar".equals(mechanism)) {
          String by = p.optional("by");
          if (by == null) {
            List<String> numeric =
                new ArrayList<>(
                    input.schema().names().stream()
                        .filter(
                            n -> input.column(n) instanceof NumericColumn && !n.equals(d.label()))
                        .toList());
            by =
                numeric.stream()
                    .filter(n -> !cols.contains(n))
                    .findFirst()
                    .orElse(numeric.isEmpty() ? null : numeric.get(0));
            if (by == null) {
              throw p.error(
                  "by",
                  "no numeric column",
                  "a numeric column for mar",
                  "use mechanism=mcar, or give by=COLUMN");
            }
          }
          Domain.requireColumn(t, p, "by", by);
          if (!(t.column(by) instanceof NumericColumn)) {
            throw p.error(
                "by",
                "\"" + by + "\" is categorical",
                "a numeric column (its high values make cells more often missing)",
                "give a numeric column as by=, or use mechanism=mcar");
          }
          driver = ranks(t.column(by));
        }
        int i = 0;
        for (String c : cols) {
          UniformRandomProvider rng = seed.rng("missing", i++);
          Column col = t.column(c);
          double[] weight =
              "mcar".equals(mechanism) ? null : "mar".equals(mechanism) ? driver : ranks(col);
          boolean[] blank = new boolean[t.rowCount()];
          for (int r = 0; r < blank.length; r++) {
            // Under mar / mnar a cell's probability is 2 * rate * its rank share, so the mean stays
            // rate.
            double prob =
                weight == null ? rate * severity : Math.min(1, 2 * rate * severity * weight[r]);
            blank[r] = rng.nextDouble() < prob;
          }
          t = Domain.replace(t, c, blank(col, blank));
        }
        return t;
      };
    }
  }

  /** Each row's rank share in (0, 1] by the column's value (categorical: by code); missing 0.5. */
  static double[] ranks(Column c) {
    int n = c.size();
    double[] key = new double[n];
    for (int r = 0; r < n; r++) {
      key[r] = c instanceof NumericColumn num ? num.get(r) : ((CategoricalColumn) c).code(r);
    }
    Integer[] order = new Integer[n];
    for (int r = 0; r < n; r++) {
      order[r] = r;
    }
    Arrays.sort(order, (a, b) -> Double.compare(key[a], key[b]));
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[order[i]] = c.isMissing(order[i]) ? 0.5 : (i + 1.0) / n;
    }
    return out;
  }

  static Column blank(Column c, boolean[] blank) {
    if (c instanceof NumericColumn num) {
      double[] v = num.values();
      for (int r = 0; r < v.length; r++) {
        if (blank[r]) {
          v[r] = Double.NaN;
        }
      }
      return NumericColumn.of(v);
    }
    CategoricalColumn k = (CategoricalColumn) c;
    int[] codes = k.codes();
    for (int r = 0; r < codes.length; r++) {
      if (blank[r]) {
        codes[r] = CategoricalColumn.MISSING;
      }
    }
    return CategoricalColumn.of(codes, k.levels());
  }

  /** Outliers beyond k interquartile ranges. */
  public static final class Outliers extends BaseProvider {
    public Outliers() {
      super(
          "outliers",
          "replace a share of numeric cells by values beyond k interquartile ranges from the quartiles",
          param("rate", "0.02", "share of cells replaced at severity 1"),
          param(
              "k",
              "3",
              "distance beyond the quartiles in interquartile ranges (at least k, up to 2k)"),
          param("columns", "", COLUMNS_HELP));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      double k = p.number("k", 0, 1e6);
      return (d, severity, seed) -> {
        Table t = d.table();
        int i = 0;
        for (String c : d.columns(p, "columns", ColumnType.NUMERIC)) {
          UniformRandomProvider rng = seed.rng("outliers", i++);
          double[] sorted = Domain.present(t.numeric(c));
          if (sorted.length == 0) {
            continue;
          }
          Arrays.sort(sorted);
          double q1 = sorted[(int) Math.floor(0.25 * (sorted.length - 1))];
          double q3 = sorted[(int) Math.ceil(0.75 * (sorted.length - 1))];
          double iqr = q3 - q1 > 0 ? q3 - q1 : Domain.meanStd(t.numeric(c))[1];
          double[] v = t.numeric(c).values();
          for (int r : Sampling.subset(v.length, rate * severity, rng)) {
            double far = k * iqr * (1 + rng.nextDouble());
            v[r] = rng.nextBoolean() ? q3 + far : q1 - far;
          }
          t = Domain.replace(t, c, d.fixed(c, t.numeric(c), v));
        }
        return t;
      };
    }
  }

  /** Categorical typos, case changes and unseen levels: the one perturbation that adds levels. */
  public static final class Typos extends BaseProvider {
    public Typos() {
      super(
          "typos",
          "damage a share of categorical cells: a typo, a case change, or an unseen level (adds levels)",
          param("rate", "0.05", "share of cells damaged at severity 1"),
          param(
              "mode",
              "typo",
              "typo (swap or drop a character), case (upper-case), or unseen (a new level)"),
          param("columns", "", COLUMNS_HELP));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      String mode = p.choice("mode", "typo", "case", "unseen");
      return (d, severity, seed) -> {
        Table t = d.table();
        int i = 0;
        for (String c : d.columns(p, "columns", ColumnType.CATEGORICAL)) {
          UniformRandomProvider rng = seed.rng("typos", i++);
          CategoricalColumn k = t.categorical(c);
          // The column's levels stay, in their order; damaged values that are new levels follow.
          List<String> levels = new ArrayList<>(k.levels());
          Map<String, Integer> index = new HashMap<>();
          for (int l = 0; l < levels.size(); l++) {
            index.put(levels.get(l), l);
          }
          int[] codes = k.codes();
          for (int r : Sampling.subset(codes.length, rate * severity, rng)) {
            if (codes[r] != CategoricalColumn.MISSING) {
              String damaged = damage(k.level(r), mode, rng);
              codes[r] =
                  index.computeIfAbsent(
                      damaged,
                      v -> {
                        levels.add(v);
                        return levels.size() - 1;
                      });
            }
          }
          t = Domain.replace(t, c, CategoricalColumn.of(codes, levels));
        }
        return t;
      };
    }

    static String damage(String s, String mode, UniformRandomProvider rng) {
      switch (mode) {
        case "case":
          String upper = s.toUpperCase(Locale.ROOT);
          return upper.equals(s) ? s.toLowerCase(Locale.ROOT) : upper;
        case "unseen":
          return "(unseen)";
        default:
          if (s.length() < 2) {
            return s + s;
          }
          int at = rng.nextInt(s.length() - 1);
          if (rng.nextBoolean()) {
            return s.substring(0, at) + s.charAt(at + 1) + s.charAt(at) + s.substring(at + 2);
          }
          return s.substring(0, at) + s.substring(at + 1);
      }
    }
  }

  /** Unit errors: a share of a column's values multiplied by a factor. */
  public static final class UnitError extends BaseProvider {
    public UnitError() {
      super(
          "unit-error",
          "multiply a share of numeric values by a factor (grams written as kilograms)",
          param("rate", "0.05", "share of cells changed at severity 1"),
          param("factor", "1000", "the factor"),
          param("columns", "", COLUMNS_HELP));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      double factor = p.number("factor");
      return (d, severity, seed) -> {
        Table t = d.table();
        int i = 0;
        for (String c : d.columns(p, "columns", ColumnType.NUMERIC)) {
          double[] v = t.numeric(c).values();
          for (int r : Sampling.subset(v.length, rate * severity, seed.rng("unit-error", i++))) {
            v[r] *= factor;
          }
          t = Domain.replace(t, c, d.fixed(c, t.numeric(c), v));
        }
        return t;
      };
    }
  }

  /** Duplicated rows inserted at random positions; the original rows keep their order. */
  public static final class Duplicates extends BaseProvider {
    public Duplicates() {
      super(
          "duplicates",
          "insert copies of a share of the rows at random positions (the original rows keep their"
              + " order)",
          param("rate", "0.05", "copies as a share of the rows at severity 1"));
    }

    @Override
    public boolean keepsRowIdentity() {
      return false;
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      return (d, severity, seed) -> {
        Table t = d.table();
        UniformRandomProvider rng = seed.rng();
        int n = t.rowCount();
        int[] copies = Sampling.subset(n, rate * severity, rng);
        PermutationSampler.shuffle(rng, copies);
        // The copies' positions: a uniform subset of the output's positions.
        int[] at = Sampling.subsetOfSize(n + copies.length, copies.length, rng);
        int[] rows = new int[n + copies.length];
        int original = 0;
        int copy = 0;
        int next = 0;
        for (int pos = 0; pos < rows.length; pos++) {
          if (next < at.length && at[next] == pos) {
            rows[pos] = copies[copy++];
            next++;
          } else {
            rows[pos] = original++;
          }
        }
        d.inserted(copies.length);
        return t.take(rows);
      };
    }
  }

  /** Values of two columns swapped on a share of rows (a form filled in the wrong boxes). */
  public static final class SwapColumns extends BaseProvider {
    public SwapColumns() {
      super(
          "swap-columns",
          "swap the values of two columns of one type on a share of rows",
          param("columns", "", "the two columns, as a;b (default: the first two numeric features)"),
          param("rate", "0.05", "share of rows swapped at severity 1"));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      return (d, severity, seed) -> {
        Table t = d.table();
        List<String> cols = d.columns(p, "columns", ColumnType.NUMERIC, ColumnType.CATEGORICAL);
        if (p.optional("columns") == null) {
          cols = d.mutable(ColumnType.NUMERIC);
        }
        if (cols.size() < 2 || (p.optional("columns") != null && cols.size() != 2)) {
          throw p.error(
              "columns",
              cols.toString(),
              "two columns of one type",
              "name two columns, as columns=a;b");
        }
        String a = cols.get(0);
        String b = cols.get(1);
        int[] rows = Sampling.subset(t.rowCount(), rate * severity, seed.rng());
        Column ca = t.column(a);
        Column cb = t.column(b);
        if (ca.type() != cb.type()) {
          throw p.error(
              "columns",
              a + " is " + ca.type().id() + ", " + b + " is " + cb.type().id(),
              "two columns of one type",
              "choose two numeric or two categorical columns");
        }
        if (ca instanceof NumericColumn na) {
          double[] va = na.values();
          double[] vb = ((NumericColumn) cb).values();
          for (int r : rows) {
            double x = va[r];
            va[r] = vb[r];
            vb[r] = x;
          }
          return Domain.replace(
              Domain.replace(t, a, d.fixed(a, t.numeric(a), va)), b, d.fixed(b, t.numeric(b), vb));
        }
        // Categorical: a value written into the other column must be one of its levels, so only
        // rows whose values are levels of both columns are swapped.
        CategoricalColumn ka = (CategoricalColumn) ca;
        CategoricalColumn kb = (CategoricalColumn) cb;
        int[] xa = ka.codes();
        int[] xb = kb.codes();
        for (int r : rows) {
          String la = ka.level(r);
          String lb = kb.level(r);
          int na = la == null ? -1 : kb.levels().indexOf(la);
          int nb = lb == null ? -1 : ka.levels().indexOf(lb);
          if ((la == null || na >= 0) && (lb == null || nb >= 0)) {
            xa[r] = nb;
            xb[r] = na;
          }
        }
        return Domain.replace(
            Domain.replace(t, a, CategoricalColumn.of(xa, ka.levels())),
            b,
            CategoricalColumn.of(xb, kb.levels()));
      };
    }
  }
}
