package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  /** How far from 1 level probabilities may sum (rounding in a file, not a guess). */
  double SUM_TOLERANCE = 1e-6;

  private static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw new FieldException(
          "name", name == null ? "nothing" : UserInputException.quote(name), "a column name");
    }
  }

  private static void checkRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new FieldException("missingRate", Distribution.number(rate), "a share from 0 to 1");
    }
  }

  private static List<String> checkLevels(List<String> levels) {
    if (levels == null || levels.isEmpty()) {
      throw new FieldException(
          "levels", levels == null ? "nothing" : "an empty list", "a list of level names");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      if (level == null || !seen.add(level)) {
        throw new FieldException(
            List.of("levels", i),
            level == null ? "null" : UserInputException.quote(level) + " a second time",
            "level names, each once",
            null);
      }
    }
    return List.copyOf(levels);
  }

  /**
   * Checks one probability per level, summing to 1, at {@code path}; returns them divided by their
   * sum, which only removes rounding.
   */
  private static double[] checkProbabilities(List<Object> path, double[] p, List<String> levels) {
    if (p == null || p.length != levels.size()) {
      throw new FieldException(
          path,
          p == null
              ? "nothing"
              : p.length
                  + (p.length == 1 ? " probability for " : " probabilities for ")
                  + levels.size()
                  + (levels.size() == 1 ? " level" : " levels"),
          "one probability per level " + levels,
          null);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        List<Object> at = new ArrayList<>(path);
        at.add(i);
        throw new FieldException(at, Distribution.number(p[i]), "a probability from 0 to 1", null);
      }
      sum += p[i];
    }
    if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
      throw new FieldException(
          path,
          "probabilities that sum to " + sum,
          "probabilities that sum to 1 (within 0.000001)",
          "change them so they sum to 1");
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
      if (distribution == null) {
        throw new FieldException("distribution", "nothing", "a distribution {\"family\": ...}");
      }
      checkRate(missingRate);
      if (min != null && Double.isNaN(min)) {
        throw new FieldException("min", "NaN", "a number");
      }
      if (max != null && Double.isNaN(max)) {
        throw new FieldException("max", "NaN", "a number");
      }
      if (min != null && max != null && min > max) {
        throw new FieldException(
            "max", Distribution.number(max), "a number >= min (" + Distribution.number(min) + ")");
      }
      if (decimals != null && (decimals < 0 || decimals > 15)) {
        throw new FieldException("decimals", decimals.toString(), "a whole number from 0 to 15");
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

  /** A categorical column with level probabilities (which sum to 1). */
  record Categorical(String name, List<String> levels, double[] probabilities, double missingRate)
      implements ColumnModel {
    public Categorical {
      checkName(name);
      levels = checkLevels(levels);
      probabilities = checkProbabilities(List.of("probabilities"), probabilities, levels);
      checkRate(missingRate);
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
   * column (drawn before it): {@code probabilities.get(parentLevel)}, one probability per level,
   * for every level of the parent. Rows whose parent is missing use {@code otherwise} (null: all
   * levels alike).
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
      if (parent == null) {
        throw new FieldException(
            "parent", "nothing", "the name of a categorical column before this one");
      }
      levels = checkLevels(levels);
      if (probabilities == null || probabilities.isEmpty()) {
        throw new FieldException(
            "probabilities",
            probabilities == null ? "nothing" : "an empty object",
            "an object with a list of probabilities per level of \"" + parent + "\"");
      }
      Map<String, double[]> copy = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> e : probabilities.entrySet()) {
        copy.put(
            e.getKey(),
            checkProbabilities(List.of("probabilities", e.getKey()), e.getValue(), levels));
      }
      probabilities = java.util.Collections.unmodifiableMap(copy);
      if (otherwise == null) {
        otherwise = new double[levels.size()];
        Arrays.fill(otherwise, 1.0 / levels.size());
      }
      otherwise = checkProbabilities(List.of("otherwise"), otherwise, levels);
      checkRate(missingRate);
    }

    public static Conditional of(
        String name, String parent, List<String> levels, Map<String, double[]> probabilities) {
      return new Conditional(name, parent, levels, probabilities, null, 0);
    }
  }
}
