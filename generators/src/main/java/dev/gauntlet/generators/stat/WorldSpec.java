package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    if (columns == null || columns.isEmpty()) {
      throw new FieldException(
          "columns",
          columns == null ? "nothing" : "an empty list",
          "a list of at least one column",
          "describe the columns, e.g. {\"kind\": \"numeric\", \"name\": \"age\","
              + " \"distribution\": {\"family\": \"normal\", \"mean\": 40, \"sd\": 12}}");
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnModel c = columns.get(i);
      if (c == null) {
        throw new FieldException(List.of("columns", i), "null", "a column {\"kind\": ...}", null);
      }
      if (names.contains(c.name())) {
        throw new FieldException(
            List.of("columns", i, "name"),
            quote(c.name()) + ", the name of columns[" + names.indexOf(c.name()) + "] too",
            "a name no other column has",
            "rename one of the two columns");
      }
      names.add(c.name());
    }
    correlations = correlations == null ? List.of() : correlations;
    Set<Set<String>> pairs = new HashSet<>();
    for (int i = 0; i < correlations.size(); i++) {
      Pair p = correlations.get(i);
      if (p == null) {
        throw new FieldException(
            List.of("correlations", i), "null", "{\"a\": ..., \"b\": ..., \"r\": ...}", null);
      }
      for (String key : List.of("a", "b")) {
        String n = key.equals("a") ? p.a() : p.b();
        if (!names.contains(n)) {
          throw new FieldException(
              List.of("correlations", i, key),
              quote(n) + ", which is not a column",
              "one of the columns " + names,
              "name a column of the spec (names are case-sensitive)");
        }
      }
      if (!pairs.add(Set.of(p.a(), p.b()))) {
        throw new FieldException(
            List.of("correlations", i),
            "a second correlation of " + quote(p.a()) + " and " + quote(p.b()),
            "one correlation per pair of columns",
            "keep one of the two");
      }
    }
    correlations = List.copyOf(correlations);
    columns = List.copyOf(columns);
    if (label != null) {
      checkLabel(label, names);
    }
  }

  private static void checkLabel(LabelRule label, List<String> names) {
    for (Map.Entry<List<Object>, String> e : label.columnsUsed().entrySet()) {
      if (!names.contains(e.getValue())) {
        List<Object> path = new ArrayList<>(List.of("label"));
        path.addAll(e.getKey());
        throw new FieldException(
            path,
            "the label rule uses " + quote(e.getValue()) + ", which is not a column",
            "one of the columns " + names,
            "name a column of the spec (names are case-sensitive)");
      }
    }
    if (names.contains(label.column())) {
      throw new FieldException(
          List.of("label", "column"),
          quote(label.column()) + ", the name of a generated column",
          "a name no column of the spec has",
          "rename the label column");
    }
    if (label.truth() != null && names.contains(label.truth())) {
      throw new FieldException(
          List.of("label", "truth"),
          quote(label.truth()) + ", the name of a generated column",
          "a name no column of the spec has",
          "rename the truth column");
    }
    if (label.column().equals(label.truth())) {
      throw new FieldException(
          List.of("label", "truth"),
          quote(label.truth()) + ", the name of the label column too",
          "a name other than the label column's",
          "give the truth column a name of its own, e.g. " + quote(label.column() + "_true"));
    }
  }

  private static String quote(String s) {
    return UserInputException.quote(s);
  }

  /** A correlation between two columns' latent normal scores. */
  public record Pair(String a, String b, double r) {
    public Pair {
      if (a == null) {
        throw new FieldException("a", "nothing", "a column name");
      }
      if (b == null) {
        throw new FieldException("b", "nothing", "a column name");
      }
      if (a.equals(b)) {
        throw new FieldException(
            "b", quote(b) + ", the same column as a", "another column than a", "pair two columns");
      }
      if (!(r >= -1 && r <= 1)) {
        throw new FieldException("r", Distribution.number(r), "a correlation from -1 to 1");
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

    /** The feature columns the rule reads, by where the rule names them (below "label"). */
    Map<List<Object>, String> columnsUsed();

    default List<String> outputColumns() {
      return truth() == null ? List.of(column()) : List.of(column(), truth());
    }

    private static List<String> classesOr(List<String> classes) {
      if (classes == null) {
        return List.of("0", "1");
      }
      if (classes.size() != 2
          || classes.get(0) == null
          || classes.get(1) == null
          || classes.get(0).equals(classes.get(1))) {
        throw new FieldException(
            "classes",
            classes.size() + " classes " + classes,
            "two different class names, negative first: [\"no\", \"yes\"]");
      }
      return List.copyOf(classes);
    }

    private static void checkColumn(String column) {
      if (column == null || column.isBlank()) {
        throw new FieldException(
            "column",
            column == null ? "nothing" : quote(column),
            "the name of the label column, e.g. \"churn\"");
      }
    }

    private static void checkNoise(double noise) {
      if (!(noise >= 0 && noise <= 0.5)) {
        throw new FieldException("noise", Distribution.number(noise), "a share from 0 to 0.5");
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
      LabelRule.checkColumn(column);
      classes = LabelRule.classesOr(classes);
      weights = weights == null ? Map.of() : new LinkedHashMap<>(weights);
      for (Map.Entry<String, Double> w : weights.entrySet()) {
        if (w.getValue() == null || !Double.isFinite(w.getValue())) {
          throw new FieldException(
              List.of("weights", w.getKey()), String.valueOf(w.getValue()), "a number", null);
        }
      }
      interactions = interactions == null ? List.of() : interactions;
      for (int i = 0; i < interactions.size(); i++) {
        if (interactions.get(i) == null) {
          throw new FieldException(
              List.of("interactions", i),
              "null",
              "{\"a\": ..., \"b\": ..., \"weight\": ...}",
              null);
        }
      }
      interactions = List.copyOf(interactions);
      if (!Double.isFinite(intercept)) {
        throw new FieldException("intercept", Distribution.number(intercept), "a number");
      }
      LabelRule.checkNoise(noise);
      if (positiveRate != null && !(positiveRate > 0 && positiveRate < 1)) {
        throw new FieldException(
            "positiveRate", Distribution.number(positiveRate), "a share above 0 and below 1");
      }
    }

    @Override
    public Map<List<Object>, String> columnsUsed() {
      Map<List<Object>, String> out = new LinkedHashMap<>();
      for (String key : weights.keySet()) {
        out.put(
            List.of("weights", key), key.contains("=") ? key.substring(0, key.indexOf('=')) : key);
      }
      for (int i = 0; i < interactions.size(); i++) {
        out.put(List.of("interactions", i, "a"), interactions.get(i).a());
        out.put(List.of("interactions", i, "b"), interactions.get(i).b());
      }
      return out;
    }

    public Logistic withIntercept(double newIntercept) {
      return new Logistic(
          column, classes, weights, interactions, newIntercept, noise, positiveRate, truth);
    }
  }

  /** A product term {@code weight · a · b} of two numeric columns. */
  public record Interaction(String a, String b, double weight) {
    public Interaction {
      if (a == null) {
        throw new FieldException("a", "nothing", "the name of a numeric column");
      }
      if (b == null) {
        throw new FieldException("b", "nothing", "the name of a numeric column");
      }
      if (!Double.isFinite(weight)) {
        throw new FieldException("weight", Distribution.number(weight), "a number");
      }
    }
  }

  /** Positive when every condition holds (a missing value fails its condition). */
  public record Threshold(
      String column, List<String> classes, List<Condition> all, double noise, String truth)
      implements LabelRule {
    public Threshold {
      LabelRule.checkColumn(column);
      classes = LabelRule.classesOr(classes);
      if (all == null || all.isEmpty()) {
        throw new FieldException(
            "all",
            all == null ? "nothing" : "an empty list",
            "a list of at least one condition {\"column\": ..., \"op\": ..., \"value\": ...}");
      }
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i) == null) {
          throw new FieldException(
              List.of("all", i), "null", "{\"column\": ..., \"op\": ..., \"value\": ...}", null);
        }
      }
      all = List.copyOf(all);
      LabelRule.checkNoise(noise);
    }

    @Override
    public Map<List<Object>, String> columnsUsed() {
      Map<List<Object>, String> out = new LinkedHashMap<>();
      for (int i = 0; i < all.size(); i++) {
        out.put(List.of("all", i, "column"), all.get(i).column());
      }
      return out;
    }
  }

  /**
   * {@code column op value}: for a numeric column op is one of {@code < <= > >=} and value a
   * number; for a categorical one op is {@code ==} or {@code !=} and value a level.
   */
  public record Condition(String column, String op, String value) {
    public Condition {
      if (column == null) {
        throw new FieldException("column", "nothing", "the name of a column");
      }
      if (!List.of("<", "<=", ">", ">=", "==", "!=").contains(op)) {
        throw new FieldException(
            "op", op == null ? "nothing" : quote(op), "one of < <= > >= == !=");
      }
      if (value == null) {
        throw new FieldException(
            "value", "nothing", "a number or a level, in quotes: \"5\" or \"north\"");
      }
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
