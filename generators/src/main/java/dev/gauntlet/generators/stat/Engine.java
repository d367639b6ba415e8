package dev.gauntlet.generators.stat;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Draws tables from column models, independently or joined by a Gaussian copula. Columns with a
 * {@link ColumnModel.Numeric} or {@link ColumnModel.Categorical} model are the copula's latent
 * columns, in order; {@link ColumnModel.Conditional} columns are drawn afterwards from their
 * parent's level. Immutable and safe to share between threads.
 */
final class Engine {
  private final Schema schema;
  private final List<ColumnModel> models;
  private final int[] latentIndex; // schema position of latent column j
  private final Object[] tables; // per schema column: NumericTables, Categories or Conditionals
  private final double[][] cholesky; // null: independent

  /**
   * @param correlation the latent columns' correlation matrix (positive semi-definite, unit
   *     diagonal), or null for independent columns
   */
  Engine(Schema schema, List<ColumnModel> models, double[][] correlation) {
    this(schema, models, correlation, tablesOf(models));
  }

  /** The numeric tables of each column (null for categorical ones), built once. */
  static NumericTables[] tablesOf(List<ColumnModel> models) {
    NumericTables[] out = new NumericTables[models.size()];
    for (int c = 0; c < out.length; c++) {
      if (models.get(c) instanceof ColumnModel.Numeric n) {
        try {
          out[c] = new NumericTables(n);
        } catch (FieldException e) {
          throw e.under("columns", c);
        }
      }
    }
    return out;
  }

  /** As above, with the numeric columns' tables already built ({@link #tablesOf}). */
  Engine(Schema schema, List<ColumnModel> models, double[][] correlation, NumericTables[] numeric) {
    this.schema = schema;
    this.models = List.copyOf(models);
    if (schema.size() != models.size()) {
      throw new IllegalArgumentException("one model per column is needed");
    }
    tables = new Object[models.size()];
    List<Integer> latent = new ArrayList<>();
    for (int c = 0; c < models.size(); c++) {
      ColumnModel m = models.get(c);
      if (!m.name().equals(schema.get(c).name())) {
        throw new IllegalArgumentException("model " + m.name() + " is not column " + c);
      }
      ColumnType expected =
          m instanceof ColumnModel.Numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
      // a datetime column is modelled as a numeric one; its spec keeps the type for writing
      if (schema.get(c).type().isNumeric() != expected.isNumeric()) {
        throw new IllegalArgumentException("column " + m.name() + " is not " + expected.id());
      }
      if (m instanceof ColumnModel.Numeric) {
        tables[c] = numeric[c];
        latent.add(c);
      } else if (m instanceof ColumnModel.Categorical k) {
        tables[c] = new Categories(k.levels(), k.probabilities());
        latent.add(c);
      } else {
        ColumnModel.Conditional k = (ColumnModel.Conditional) m;
        int parent = schema.indexOf(k.parent());
        if (parent < 0 || parent >= c || schema.get(parent).type() != ColumnType.CATEGORICAL) {
          List<String> before = new ArrayList<>();
          for (int p = 0; p < c; p++) {
            if (schema.get(p).type() == ColumnType.CATEGORICAL) {
              before.add(schema.get(p).name());
            }
          }
          String why =
              parent < 0
                  ? "which is not a column"
                  : parent >= c
                      ? "which comes after it"
                      : parent == c ? "this column itself" : "which is numeric";
          throw new FieldException(
              List.of("columns", c, "parent"),
              UserInputException.quote(k.parent()) + ", " + why,
              before.isEmpty()
                  ? "a categorical column listed before this one (there is none)"
                  : "a categorical column listed before this one: one of " + before,
              "name a categorical column, and list it before "
                  + UserInputException.quote(k.name()));
        }
        try {
          tables[c] = new Conditionals(parent, levelsOf(models.get(parent)), k);
        } catch (FieldException e) {
          throw e.under("columns", c);
        }
      }
    }
    latentIndex = latent.stream().mapToInt(Integer::intValue).toArray();
    cholesky = correlation == null ? null : cholesky(correlation, latentIndex.length);
  }

  /** The Cholesky factor of a saved correlation matrix, checked as read from a file. */
  private static double[][] cholesky(double[][] r, int k) {
    String expected =
        "a "
            + k
            + " x "
            + k
            + " correlation matrix, one row and column per numeric or categorical"
            + " column";
    if (r.length != k) {
      throw new FieldException("correlation", r.length + " rows", expected);
    }
    for (int i = 0; i < k; i++) {
      if (r[i] == null || r[i].length != k) {
        throw new FieldException(
            List.of("correlation", i),
            r[i] == null ? "null" : r[i].length + " values",
            k + " values",
            null);
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double v = r[i][j];
        // the fitted matrix is symmetric with a unit diagonal up to rounding
        boolean ok =
            i == j ? Math.abs(v - 1) <= 1e-9 : v >= -1 && v <= 1 && Math.abs(v - r[j][i]) <= 1e-9;
        if (!ok) {
          throw new FieldException(
              List.of("correlation", i, j),
              Distribution.number(v),
              i == j
                  ? "1 (a column's correlation with itself)"
                  : "a correlation from -1 to 1, equal to correlation[" + j + "][" + i + "]",
              null);
        }
      }
    }
    try {
      return Correlation.cholesky(r);
    } catch (IllegalArgumentException e) {
      throw new FieldException(
          "correlation",
          "a matrix that is not positive definite",
          "a positive definite correlation matrix");
    }
  }

  private static List<String> levelsOf(ColumnModel m) {
    if (m instanceof ColumnModel.Categorical k) {
      return k.levels();
    }
    return ((ColumnModel.Conditional) m).levels();
  }

  Schema schema() {
    return schema;
  }

  List<ColumnModel> models() {
    return models;
  }

  /** Draws {@code rows} rows from the stream; the same stream gives the same table. */
  Table sample(int rows, Seed stream) {
    UniformRandomProvider rng = stream.rng();
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    int k = models.size();
    double[][] numeric = new double[k][];
    int[][] codes = new int[k][];
    if (cholesky != null) {
      int m = latentIndex.length;
      double[][] z = new double[m][rows];
      for (int j = 0; j < m; j++) {
        double[] zj = z[j];
        for (int r = 0; r < rows; r++) {
          zj[r] = gauss.sample();
        }
      }
      // z = L g in place: row j of L reads g_0..g_j, so go from the last latent column down
      for (int j = m - 1; j >= 0; j--) {
        double[] zj = z[j];
        double[] lj = cholesky[j];
        double d = lj[j];
        for (int r = 0; r < rows; r++) {
          zj[r] *= d;
        }
        for (int i = 0; i < j; i++) {
          double l = lj[i];
          if (l != 0) {
            double[] zi = z[i];
            for (int r = 0; r < rows; r++) {
              zj[r] += l * zi[r];
            }
          }
        }
      }
      for (int j = 0; j < m; j++) {
        int c = latentIndex[j];
        if (tables[c] instanceof NumericTables t) {
          t.fromNormal(z[j], rows);
          numeric[c] = z[j];
        } else {
          codes[c] = ((Categories) tables[c]).fromNormal(z[j], rows);
        }
      }
    } else {
      for (int c : latentIndex) {
        if (tables[c] instanceof NumericTables t) {
          double[] out = new double[rows];
          if (t.affine) {
            for (int r = 0; r < rows; r++) {
              out[r] = t.fromNormal(gauss.sample());
            }
          } else {
            for (int r = 0; r < rows; r++) {
              out[r] = t.fromUniform(rng.nextDouble());
            }
          }
          numeric[c] = out;
        } else {
          Categories t = (Categories) tables[c];
          int[] out = new int[rows];
          for (int r = 0; r < rows; r++) {
            out[r] = t.fromUniform(rng.nextDouble());
          }
          codes[c] = out;
        }
      }
    }
    for (int c = 0; c < k; c++) {
      if (tables[c] instanceof Conditionals t) {
        codes[c] = t.sample(codes[t.parent], rows, rng);
      }
      double rate = models.get(c).missingRate();
      if (rate > 0) {
        for (int r = 0; r < rows; r++) {
          if (rng.nextDouble() < rate) {
            if (numeric[c] != null) {
              numeric[c][r] = Double.NaN;
            } else {
              codes[c][r] = CategoricalColumn.MISSING;
            }
          }
        }
      }
    }
    List<Column> columns = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      ColumnSpec spec = schema.get(c);
      columns.add(
          spec.type().isNumeric()
              ? NumericColumn.of(numeric[c])
              : CategoricalColumn.of(codes[c], levelsOf(models.get(c))));
    }
    return Table.of(schema, columns);
  }

  /**
   * Level sampling by cumulative probability. For the copula, levels are laid along the normal
   * scale in order of decreasing frequency (as SDV does), each over an interval as wide as its
   * probability; {@code thresholds} are the interval ends on the z scale, so no Φ is computed per
   * cell.
   */
  static final class Categories {
    final int[] order; // level codes, most frequent first
    final double[] cumulative; // over order
    final double[] thresholds; // z where each interval but the last ends

    Categories(List<String> levels, double[] probabilities) {
      order =
          IntStream.range(0, levels.size())
              .boxed()
              .sorted(Comparator.comparingDouble((Integer i) -> -probabilities[i]))
              .mapToInt(Integer::intValue)
              .toArray();
      cumulative = new double[order.length];
      double sum = 0;
      for (int i = 0; i < order.length; i++) {
        sum += probabilities[order[i]];
        cumulative[i] = sum;
      }
      cumulative[order.length - 1] = 1;
      NormalDistribution phi = NormalDistribution.of(0, 1);
      thresholds = new double[order.length - 1];
      for (int i = 0; i < thresholds.length; i++) {
        thresholds[i] = phi.inverseCumulativeProbability(Math.min(1, cumulative[i]));
      }
    }

    /** The interval [from, to) of probability that level {@code order[i]} holds. */
    double intervalStart(int i) {
      return i == 0 ? 0 : cumulative[i - 1];
    }

    int fromUniform(double u) {
      int i = 0;
      while (i < order.length - 1 && u >= cumulative[i]) {
        i++;
      }
      return order[i];
    }

    int[] fromNormal(double[] z, int rows) {
      int[] out = new int[rows];
      int last = thresholds.length;
      for (int r = 0; r < rows; r++) {
        double v = z[r];
        int i = 0;
        if (last > 16) {
          i = Arrays.binarySearch(thresholds, v);
          i = i >= 0 ? i + 1 : -i - 1;
        } else {
          while (i < last && v >= thresholds[i]) {
            i++;
          }
        }
        out[r] = order[i];
      }
      return out;
    }
  }

  /** A conditional column's level sampling, one {@link Categories} per parent level. */
  static final class Conditionals {
    final int parent;
    final Categories[] byParentCode;
    final Categories otherwise;

    Conditionals(int parent, List<String> parentLevels, ColumnModel.Conditional m) {
      this.parent = parent;
      for (String level : m.probabilities().keySet()) {
        if (!parentLevels.contains(level)) {
          throw new FieldException(
              List.of("probabilities", level),
              "probabilities for "
                  + quote(level)
                  + ", which is not a level of "
                  + quote(m.parent()),
              "one list per level of " + quote(m.parent()) + ": " + parentLevels,
              "use the levels of " + quote(m.parent()) + " as keys (they are case-sensitive)");
        }
      }
      otherwise = new Categories(m.levels(), m.otherwise());
      byParentCode = new Categories[parentLevels.size()];
      for (int i = 0; i < parentLevels.size(); i++) {
        double[] p = m.probabilities().get(parentLevels.get(i));
        if (p == null) {
          throw new FieldException(
              List.of("probabilities"),
              "no probabilities for "
                  + quote(parentLevels.get(i))
                  + ", a level of "
                  + quote(m.parent()),
              "a list of probabilities for every level of "
                  + quote(m.parent())
                  + ": "
                  + parentLevels,
              "add \""
                  + parentLevels.get(i)
                  + "\": [...] with one probability per level "
                  + m.levels());
        }
        byParentCode[i] = new Categories(m.levels(), p);
      }
    }

    private static String quote(String s) {
      return UserInputException.quote(s);
    }

    int[] sample(int[] parentCodes, int rows, UniformRandomProvider rng) {
      int[] out = new int[rows];
      for (int r = 0; r < rows; r++) {
        int p = parentCodes[r];
        Categories t = p < 0 ? otherwise : byParentCode[p];
        out[r] = t.fromUniform(rng.nextDouble());
      }
      return out;
    }
  }
}
