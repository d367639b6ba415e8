package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A simulated world, for teams with no data: per column a distribution ({@link ColumnModel}:
 * numeric with any {@link Distribution}, categorical with probabilities, or categorical conditioned
 * on another categorical), correlations between columns through a Gaussian copula, and a
 * ground-truth label rule. Build one in Java with {@link #builder()} or read it from JSON (the
 * {@code world} generator's {@code spec} parameter, {@code gauntlet generate --world FILE.json}).
 *
 * @param columns the columns, in output order (a conditional column after its parent)
 * @param correlations correlations of the latent normal scores of pairs of numeric or categorical
 *     columns (the copula's matrix; unlisted pairs are 0); must form a positive definite matrix
 * @param label the rule that labels every row, or null for a world without labels
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorldSpec(List<ColumnModel> columns, List<Pair> correlations, LabelRule label) {
  public WorldSpec {
    columns = List.copyOf(columns);
    correlations = correlations == null ? List.of() : List.copyOf(correlations);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a world needs at least one column");
    }
    Set<String> names = new HashSet<>();
    for (ColumnModel c : columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("two columns are named \"" + c.name() + "\"");
      }
    }
    for (Pair p : correlations) {
      for (String n : List.of(p.a(), p.b())) {
        if (!names.contains(n)) {
          throw new IllegalArgumentException(
              "correlation names \"" + n + "\", which is not a column: " + names);
        }
      }
    }
    if (label != null) {
      for (String n : label.columnsUsed()) {
        if (!names.contains(n)) {
          throw new IllegalArgumentException(
              "the label rule uses \"" + n + "\", which is not a column: " + names);
        }
      }
      for (String n : label.outputColumns()) {
        if (names.contains(n)) {
          throw new IllegalArgumentException(
              "the label column \"" + n + "\" has the name of a generated column");
        }
      }
    }
  }

  /** A correlation between two columns' latent normal scores. */
  public record Pair(String a, String b, double r) {
    public Pair {
      Objects.requireNonNull(a, "a");
      Objects.requireNonNull(b, "b");
      if (a.equals(b)) {
        throw new IllegalArgumentException("a correlation pairs \"" + a + "\" with itself");
      }
      if (!(r >= -1 && r <= 1)) {
        throw new IllegalArgumentException(
            "correlation of \"" + a + "\" and \"" + b + "\" is not within [-1, 1]: " + r);
      }
    }
  }

  /**
   * How the world labels a row. The label column holds {@code classes.get(1)} (positive) or {@code
   * classes.get(0)}, after flipping a share {@code noise} of rows; {@code truth}, when named, is an
   * extra column with the label before the flips.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "rule")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Logistic.class, name = "logistic"),
    @JsonSubTypes.Type(value = Threshold.class, name = "threshold")
  })
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public sealed interface LabelRule {
    String column();

    List<String> classes();

    double noise();

    String truth();

    /** The feature columns the rule reads. */
    List<String> columnsUsed();

    default List<String> outputColumns() {
      return truth() == null ? List.of(column()) : List.of(column(), truth());
    }

    private static List<String> classesOr(List<String> classes) {
      List<String> c = classes == null ? List.of("0", "1") : List.copyOf(classes);
      if (c.size() != 2 || c.get(0).equals(c.get(1))) {
        throw new IllegalArgumentException("a label has two different classes: " + c);
      }
      return c;
    }

    private static void checkNoise(double noise) {
      if (!(noise >= 0 && noise <= 0.5)) {
        throw new IllegalArgumentException("label noise is not within [0, 0.5]: " + noise);
      }
    }
  }

  /**
   * P(positive) = σ(intercept + Σ weights · x + Σ interactions), a term per numeric column, or per
   * {@code column=level} indicator of a categorical one; a missing value adds nothing. When {@code
   * positiveRate} is given, the intercept is calibrated so the share of positive (noise-free)
   * labels is that rate.
   */
  public record Logistic(
      String column,
      List<String> classes,
      Map<String, Double> weights,
      List<Interaction> interactions,
      double intercept,
      double noise,
      Double positiveRate,
      String truth)
      implements LabelRule {
    public Logistic {
      Objects.requireNonNull(column, "label column");
      classes = LabelRule.classesOr(classes);
      weights = weights == null ? Map.of() : new LinkedHashMap<>(weights);
      interactions = interactions == null ? List.of() : List.copyOf(interactions);
      LabelRule.checkNoise(noise);
      if (positiveRate != null && !(positiveRate > 0 && positiveRate < 1)) {
        throw new IllegalArgumentException(
            "the positive rate is not within (0, 1): " + positiveRate);
      }
    }

    @Override
    public List<String> columnsUsed() {
      List<String> out = new ArrayList<>();
      for (String key : weights.keySet()) {
        out.add(key.contains("=") ? key.substring(0, key.indexOf('=')) : key);
      }
      for (Interaction i : interactions) {
        out.add(i.a());
        out.add(i.b());
      }
      return out;
    }

    public Logistic withIntercept(double newIntercept) {
      return new Logistic(
          column, classes, weights, interactions, newIntercept, noise, positiveRate, truth);
    }
  }

  /** A product term {@code weight · a · b} of two numeric columns. */
  public record Interaction(String a, String b, double weight) {}

  /** Positive when every condition holds (a missing value fails its condition). */
  public record Threshold(
      String column, List<String> classes, List<Condition> all, double noise, String truth)
      implements LabelRule {
    public Threshold {
      Objects.requireNonNull(column, "label column");
      classes = LabelRule.classesOr(classes);
      all = List.copyOf(all);
      if (all.isEmpty()) {
        throw new IllegalArgumentException("a threshold rule needs a condition");
      }
      LabelRule.checkNoise(noise);
    }

    @Override
    public List<String> columnsUsed() {
      return all.stream().map(Condition::column).toList();
    }
  }

  /**
   * {@code column op value}: for a numeric column op is one of {@code < <= > >=} and value a
   * number; for a categorical one op is {@code ==} or {@code !=} and value a level.
   */
  public record Condition(String column, String op, String value) {
    public Condition {
      Objects.requireNonNull(column, "column");
      if (!List.of("<", "<=", ">", ">=", "==", "!=").contains(op)) {
        throw new IllegalArgumentException(
            "condition on \"" + column + "\" has operator \"" + op + "\"; use < <= > >= == !=");
      }
      Objects.requireNonNull(value, "value");
    }
  }

  public WorldSpec withLabel(LabelRule rule) {
    return new WorldSpec(columns, correlations, rule);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a world column by column. */
  public static final class Builder {
    private final List<ColumnModel> columns = new ArrayList<>();
    private final List<Pair> correlations = new ArrayList<>();
    private LabelRule label;

    private Builder() {}

    public Builder column(ColumnModel column) {
      columns.add(column);
      return this;
    }

    public Builder numeric(String name, Distribution distribution) {
      return column(ColumnModel.Numeric.of(name, distribution));
    }

    public Builder categorical(String name, List<String> levels, double... probabilities) {
      return column(ColumnModel.Categorical.of(name, levels, probabilities));
    }

    public Builder correlate(String a, String b, double r) {
      correlations.add(new Pair(a, b, r));
      return this;
    }

    public Builder label(LabelRule rule) {
      this.label = rule;
      return this;
    }

    public WorldSpec build() {
      return new WorldSpec(columns, correlations, label);
    }
  }
}
