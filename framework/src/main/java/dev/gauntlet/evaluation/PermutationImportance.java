package dev.gauntlet.evaluation;

import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * Permutation feature importance, as scikit-learn's {@code permutation_importance}: how much a
 * metric worsens when one feature column's values are shuffled across rows, breaking its link to
 * the label while keeping its distribution.
 *
 * <p>For each feature column (role {@link ColumnRole#FEATURE}, the label excluded) at position
 * {@code c} in the table's schema, {@code repeats} shuffles are drawn one after another from the
 * stream {@code seed.derive("permutation", c)}; each shuffled table (made with {@link
 * Table#withColumn}, the input left as it is) is scored and its worsening against the unshuffled
 * score is recorded: the drop for a metric where higher is better, the increase otherwise. So the
 * result depends on the seed, the table and the model alone, not on the order columns are visited.
 *
 * @param metric the metric whose worsening is measured
 * @param repeats the shuffles per column, positive
 * @param seed the root of the shuffles
 */
public record PermutationImportance(OutcomeMetric metric, int repeats, Seed seed) {
  public static final int DEFAULT_REPEATS = 5;

  public PermutationImportance {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(seed, "seed");
    if (repeats < 1) {
      throw new IllegalArgumentException("number of repeats is not positive: " + repeats);
    }
  }

  /** Accuracy's drop over 5 shuffles per column. */
  public static PermutationImportance withDefaults(Seed seed) {
    return new PermutationImportance(OutcomeMetric.accuracy(), DEFAULT_REPEATS, seed);
  }

  public PermutationImportance withMetric(OutcomeMetric newMetric) {
    return new PermutationImportance(newMetric, repeats, seed);
  }

  public PermutationImportance withRepeats(int newRepeats) {
    return new PermutationImportance(metric, newRepeats, seed);
  }

  /**
   * One column's importance.
   *
   * @param column the column name
   * @param mean the mean worsening over the repeats
   * @param std the population standard deviation (ddof = 0, as scikit-learn's {@code
   *     importances_std}) of the worsenings
   * @param worsenings each repeat's worsening, in the order drawn
   */
  public record Importance(String column, double mean, double std, double[] worsenings) {
    public Importance {
      Objects.requireNonNull(column, "column");
      worsenings = worsenings.clone();
    }

    @Override
    public double[] worsenings() {
      return worsenings.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Importance i
          && i.column.equals(column)
          && Double.compare(i.mean, mean) == 0
          && Double.compare(i.std, std) == 0
          && Arrays.equals(i.worsenings, worsenings);
    }

    @Override
    public int hashCode() {
      return Objects.hash(column, mean, std, Arrays.hashCode(worsenings));
    }

    @Override
    public String toString() {
      return column + ": " + mean + " +/- " + std;
    }
  }

  /**
   * The importances of all feature columns.
   *
   * @param metric the metric's name
   * @param baseline the metric on the unshuffled table
   * @param importances by mean worsening, largest first, ties by column name
   */
  public record Result(String metric, double baseline, List<Importance> importances) {
    public Result {
      Objects.requireNonNull(metric, "metric");
      importances = List.copyOf(importances);
    }

    /** The importance of a column; an unknown column is an error. */
    public Importance of(String column) {
      return importances.stream()
          .filter(i -> i.column().equals(column))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no importance for column \""
                          + column
                          + "\"; columns: "
                          + importances.stream().map(Importance::column).toList()));
    }
  }

  /** The importance of each feature column of {@code table} to {@code model}. */
  public Result run(Classifier model, Table table, String label) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(table, "table");
    int[] y = Outcomes.trueClasses(table, label, model.classes());
    double baseline = metric.apply(new Outcomes(y, model.predictProba(table)));
    List<Importance> importances = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      ColumnSpec spec = table.schema().get(c);
      if (spec.role() != ColumnRole.FEATURE || spec.name().equals(label)) {
        continue;
      }
      Column column = table.column(c);
      UniformRandomProvider rng = seed.rng("permutation", c);
      double[] worsenings = new double[repeats];
      for (int k = 0; k < repeats; k++) {
        int[] order = PermutationSampler.natural(table.rowCount());
        PermutationSampler.shuffle(rng, order);
        Table shuffled = table.withColumn(spec, column.take(order));
        double score = metric.apply(new Outcomes(y, model.predictProba(shuffled)));
        worsenings[k] = metric.worsening(baseline, score);
      }
      importances.add(new Importance(spec.name(), mean(worsenings), std(worsenings), worsenings));
    }
    importances.sort(
        Comparator.comparingDouble(Importance::mean).reversed().thenComparing(Importance::column));
    return new Result(metric.name(), baseline, importances);
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  private static double std(double[] x) {
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / x.length);
  }
}
