package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How one column is generated: its marginal distribution and missing rate. These records are both
 * the state a fitted generator saves and the columns of a {@link WorldSpec}. In JSON the {@code
 * kind} key names the record: {@code numeric}, {@code categorical} or {@code conditional}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ColumnModel.Numeric.class, name = "numeric"),
  @JsonSubTypes.Type(value = ColumnModel.Categorical.class, name = "categorical"),
  @JsonSubTypes.Type(value = ColumnModel.Conditional.class, name = "conditional")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ColumnModel {

  String name();

  /** The share of rows left missing, independently of everything else. */
  double missingRate();

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name is blank");
    }
  }

  private static void checkRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "missing rate of \"" + name + "\" is not within [0, 1]: " + rate);
    }
  }

  private static double[] normalized(String name, double[] p, int levels) {
    if (p.length != levels) {
      throw new IllegalArgumentException(
          "column \"" + name + "\" has " + levels + " levels but " + p.length + " probabilities");
    }
    double sum = 0;
    for (double v : p) {
      if (!(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "a probability of \"" + name + "\" is not a non-negative number: " + v);
      }
      sum += v;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("the probabilities of \"" + name + "\" sum to zero");
    }
    double[] out = p.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  /**
   * A numeric column.
   *
   * @param distribution the values' distribution
   * @param min the smallest value generated (values below are raised to it); null for none
   * @param max the largest value generated; null for none
   * @param decimals values are rounded to this many decimal places (0: whole numbers); null to keep
   *     them as drawn
   * @param missingRate share of missing values
   * @param ks the KS statistic of the fit against the sample it was fitted on; null for a column
   *     that was not fitted
   */
  record Numeric(
      String name,
      Distribution distribution,
      Double min,
      Double max,
      Integer decimals,
      double missingRate,
      Double ks)
      implements ColumnModel {
    public Numeric {
      checkName(name);
      Objects.requireNonNull(distribution, "distribution of " + name);
      checkRate(name, missingRate);
      if (min != null && max != null && min > max) {
        throw new IllegalArgumentException(
            "min " + min + " of \"" + name + "\" is above its max " + max);
      }
      if (decimals != null && (decimals < 0 || decimals > 15)) {
        throw new IllegalArgumentException(
            "decimals of \"" + name + "\" are not within [0, 15]: " + decimals);
      }
    }

    /** A column of a distribution, unbounded, unrounded, never missing. */
    public static Numeric of(String name, Distribution distribution) {
      return new Numeric(name, distribution, null, null, null, 0, null);
    }

    public Numeric withBounds(Double newMin, Double newMax) {
      return new Numeric(name, distribution, newMin, newMax, decimals, missingRate, ks);
    }

    public Numeric withDecimals(Integer newDecimals) {
      return new Numeric(name, distribution, min, max, newDecimals, missingRate, ks);
    }

    public Numeric withMissingRate(double rate) {
      return new Numeric(name, distribution, min, max, decimals, rate, ks);
    }
  }

  /** A categorical column with level probabilities (normalized to sum to 1). */
  record Categorical(String name, List<String> levels, double[] probabilities, double missingRate)
      implements ColumnModel {
    public Categorical {
      checkName(name);
      levels = List.copyOf(levels);
      if (levels.isEmpty()) {
        throw new IllegalArgumentException("column \"" + name + "\" has no levels");
      }
      probabilities = normalized(name, probabilities, levels.size());
      checkRate(name, missingRate);
    }

    public static Categorical of(String name, List<String> levels, double... probabilities) {
      return new Categorical(name, levels, probabilities, 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Categorical c
          && c.name.equals(name)
          && c.levels.equals(levels)
          && Arrays.equals(c.probabilities, probabilities)
          && c.missingRate == missingRate;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, levels, Arrays.hashCode(probabilities), missingRate);
    }

    @Override
    public String toString() {
      return "Categorical[" + name + ", " + levels + ", " + Arrays.toString(probabilities) + "]";
    }
  }

  /**
   * A categorical column whose level probabilities depend on the level of another categorical
   * column (drawn before it): {@code probabilities.get(parentLevel)}, one probability per level.
   * Rows whose parent is missing use {@code otherwise}.
   */
  record Conditional(
      String name,
      String parent,
      List<String> levels,
      Map<String, double[]> probabilities,
      double[] otherwise,
      double missingRate)
      implements ColumnModel {
    public Conditional {
      checkName(name);
      Objects.requireNonNull(parent, "parent of " + name);
      levels = List.copyOf(levels);
      Map<String, double[]> copy = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : probabilities.entrySet()) {
        copy.put(e.getKey(), normalized(name, e.getValue(), levels.size()));
      }
      probabilities = java.util.Collections.unmodifiableMap(copy);
      if (otherwise == null) {
        otherwise = new double[levels.size()];
        Arrays.fill(otherwise, 1.0);
      }
      otherwise = normalized(name, otherwise, levels.size());
      checkRate(name, missingRate);
    }

    public static Conditional of(
        String name, String parent, List<String> levels, Map<String, double[]> probabilities) {
      return new Conditional(name, parent, levels, probabilities, null, 0);
    }
  }
}
