package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.internal.JsonErrors;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The {@code world} generator: rows of a {@link WorldSpec}, labelled by its rule. Batch rows come
 * from the stream given to {@link #sample}; labels from that stream's {@code "label"} child.
 */
public final class WorldGenerator implements Generator {
  public static final String NAME = "world";

  /** Rows of the pilot sample that calibrates a logistic rule's intercept to a positive rate. */
  static final int PILOT_ROWS = 50_000;

  private final WorldSpec spec;
  private final Engine engine;
  private final Schema schema;
  private final Labeller labeller;

  private WorldGenerator(WorldSpec spec) {
    this.spec = spec;
    Schema features = featureSchema(spec.columns());
    List<ColumnSpec> specs = new ArrayList<>(features.columns());
    this.engine = new Engine(features, spec.columns(), latentCorrelation(spec));
    if (spec.label() != null) {
      specs.add(ColumnSpec.categorical(spec.label().column()).withRole(ColumnRole.LABEL));
      if (spec.label().truth() != null) {
        specs.add(ColumnSpec.categorical(spec.label().truth()).withRole(ColumnRole.ID));
      }
      labeller = new Labeller(spec.label(), features, spec.columns());
    } else {
      labeller = null;
    }
    this.schema = Schema.of(specs);
  }

  /**
   * The world of a spec. A logistic rule with a positive rate gets its intercept calibrated on a
   * pilot sample drawn from {@code seed}; the calibrated intercept is part of the saved state.
   */
  public static WorldGenerator of(WorldSpec spec, Seed seed) {
    WorldGenerator world = new WorldGenerator(spec);
    if (spec.label() instanceof WorldSpec.Logistic l && l.positiveRate() != null) {
      Table pilot = world.engine.sample(PILOT_ROWS, seed.derive("calibrate"));
      double[] score = world.labeller.scores(pilot);
      double lo = -60;
      double hi = 60;
      for (int it = 0; it < 100; it++) {
        double b = 0.5 * (lo + hi);
        double mean = 0;
        for (double s : score) {
          mean += 1 / (1 + Math.exp(-(b + s)));
        }
        if (mean / score.length < l.positiveRate()) {
          lo = b;
        } else {
          hi = b;
        }
      }
      world = new WorldGenerator(spec.withLabel(l.withIntercept(0.5 * (lo + hi))));
    }
    return world;
  }

  private static Schema featureSchema(List<ColumnModel> models) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (ColumnModel m : models) {
      specs.add(
          m instanceof ColumnModel.Numeric
              ? ColumnSpec.numeric(m.name())
              : ColumnSpec.categorical(m.name()));
    }
    return Schema.of(specs);
  }

  /**
   * The probability, per row, that a label rule makes a row's noise-free label positive: {@code
   * σ(intercept + score)} for a logistic rule (its intercept as written: a positive rate is not
   * calibrated here, {@link #of} does that), 0 or 1 for a threshold rule. The function reads tables
   * whose columns are {@code models}' in that order, categorical codes indexing the models' levels
   * (codes past them match no level). The rule is checked against the models when this is called.
   *
   * @throws IllegalArgumentException when the rule names a column or level the models lack
   */
  public static Function<Table, double[]> positiveProbability(
      WorldSpec.LabelRule rule, List<ColumnModel> models) {
    Labeller labeller = new Labeller(rule, featureSchema(models), models);
    return labeller::probabilities;
  }

  private static double[][] latentCorrelation(WorldSpec spec) {
    List<String> latent = new ArrayList<>();
    for (ColumnModel m : spec.columns()) {
      if (!(m instanceof ColumnModel.Conditional)) {
        latent.add(m.name());
      }
    }
    if (spec.correlations().isEmpty()) {
      return null;
    }
    int k = latent.size();
    double[][] r = new double[k][k];
    for (int i = 0; i < k; i++) {
      r[i][i] = 1;
    }
    for (int i = 0; i < spec.correlations().size(); i++) {
      WorldSpec.Pair p = spec.correlations().get(i);
      int a = latent.indexOf(p.a());
      int b = latent.indexOf(p.b());
      if (a < 0 || b < 0) {
        throw new FieldException(
            List.of("correlations", i, a < 0 ? "a" : "b"),
            UserInputException.quote(a < 0 ? p.a() : p.b()) + ", a conditional column",
            "a numeric or categorical column",
            "drop the correlation: a conditional column follows its parent instead");
      }
      r[a][b] = p.r();
      r[b][a] = p.r();
    }
    try {
      Correlation.cholesky(r);
    } catch (IllegalArgumentException e) {
      throw new FieldException(
          List.of("correlations"),
          "correlations that together are not positive definite (no joint distribution has them)",
          "correlations that form a positive definite matrix",
          "weaken some of them, or make them agree: if a and b, and b and c, are strongly"
              + " positively correlated, a and c cannot be strongly negatively correlated");
    }
    return r;
  }

  public WorldSpec spec() {
    return spec;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Table sample(int rows, Seed stream) {
    Table features = engine.sample(rows, stream);
    if (labeller == null) {
      return features;
    }
    return labeller.label(features, schema, stream.derive("label").rng());
  }

  @Override
  public JsonNode state() {
    ObjectNode node = StatGenerator.JSON.createObjectNode();
    node.set("spec", StatGenerator.JSON.valueToTree(spec));
    return node;
  }

  static WorldGenerator restore(JsonNode state) {
    JsonNode spec = state.path("spec");
    if (!spec.isObject()) {
      throw JsonAt.root(state).get("spec").bad("a world spec {\"columns\": [...], ...}");
    }
    try {
      return new WorldGenerator(StatGenerator.JSON.treeToValue(spec, WorldSpec.class));
    } catch (JsonMappingException e) {
      throw JsonErrors.field(e, spec).under("spec");
    } catch (FieldException e) {
      throw JsonErrors.missing(e, spec).under("spec");
    } catch (JsonProcessingException e) {
      throw new FieldException(List.of("spec"), "a spec that cannot be read", "a world spec", null);
    }
  }

  /** Computes labels from feature columns. */
  static final class Labeller {
    private final WorldSpec.LabelRule rule;
    private final List<Term> terms = new ArrayList<>();

    /** One additive term of a logistic score, or one condition of a threshold rule. */
    private record Term(int a, int b, int level, double weight, String op, double value) {}

    /** Checks the rule against the columns; problems are {@link FieldException}s at "label". */
    Labeller(WorldSpec.LabelRule rule, Schema features, List<ColumnModel> models) {
      this.rule = rule;
      try {
        addTerms(features, models);
      } catch (FieldException e) {
        throw e.under("label");
      }
    }

    private void addTerms(Schema features, List<ColumnModel> models) {
      if (rule instanceof WorldSpec.Logistic l) {
        for (Map.Entry<String, Double> e : l.weights().entrySet()) {
          String key = e.getKey();
          List<Object> at = List.of("weights", key);
          int eq = key.indexOf('=');
          String col = eq < 0 ? key : key.substring(0, eq);
          int c = column(features, col, at);
          int level = -1;
          if (models.get(c) instanceof ColumnModel.Numeric) {
            if (eq >= 0) {
              throw new FieldException(
                  at,
                  "a weight on a level of " + quote(col) + ", which is numeric",
                  "the name alone for a numeric column, " + quote(col),
                  "write " + quote(col) + " (a weight per unit of the column)");
            }
          } else {
            if (eq < 0) {
              throw new FieldException(
                  at,
                  "a weight on categorical column " + quote(col) + " without a level",
                  "COLUMN=LEVEL, one of " + keys(col, levels(models.get(c))),
                  "name the level the weight applies to");
            }
            level = levelIndex(models.get(c), col, key.substring(eq + 1), at);
          }
          terms.add(new Term(c, -1, level, e.getValue(), null, 0));
        }
        for (int i = 0; i < l.interactions().size(); i++) {
          WorldSpec.Interaction t = l.interactions().get(i);
          int a = numericColumn(features, models, t.a(), List.of("interactions", i, "a"));
          int b = numericColumn(features, models, t.b(), List.of("interactions", i, "b"));
          terms.add(new Term(a, b, -1, t.weight(), null, 0));
        }
        return;
      }
      List<WorldSpec.Condition> all = ((WorldSpec.Threshold) rule).all();
      for (int i = 0; i < all.size(); i++) {
        WorldSpec.Condition c = all.get(i);
        int col = column(features, c.column(), List.of("all", i, "column"));
        if (models.get(col) instanceof ColumnModel.Numeric) {
          if (!List.of("<", "<=", ">", ">=").contains(c.op())) {
            throw new FieldException(
                List.of("all", i, "op"),
                quote(c.op()) + " on numeric column " + quote(c.column()),
                "one of < <= > >=",
                "compare a numeric column with < <= > or >=");
          }
          double v;
          try {
            v = Double.parseDouble(c.value().trim());
          } catch (NumberFormatException e) {
            v = Double.NaN;
          }
          if (!Double.isFinite(v)) {
            throw new FieldException(
                List.of("all", i, "value"),
                quote(c.value()),
                "a number, since " + quote(c.column()) + " is numeric",
                "give a number in quotes, e.g. \"5\"");
          }
          terms.add(new Term(col, -1, -1, 0, c.op(), v));
        } else {
          if (!List.of("==", "!=").contains(c.op())) {
            throw new FieldException(
                List.of("all", i, "op"),
                quote(c.op()) + " on categorical column " + quote(c.column()),
                "== or !=",
                "compare a categorical column with == or !=");
          }
          int level =
              levelIndex(models.get(col), c.column(), c.value(), List.of("all", i, "value"));
          terms.add(new Term(col, -1, level, 0, c.op(), 0));
        }
      }
    }

    private static int column(Schema features, String name, List<Object> at) {
      int c = features.indexOf(name);
      if (c < 0) {
        throw new FieldException(
            at,
            "the label rule uses " + quote(name) + ", which is not a column",
            "one of the columns " + features.names(),
            "name a column of the spec (names are case-sensitive)");
      }
      return c;
    }

    private static int numericColumn(
        Schema features, List<ColumnModel> models, String name, List<Object> at) {
      int c = column(features, name, at);
      if (!(models.get(c) instanceof ColumnModel.Numeric)) {
        throw new FieldException(
            at,
            quote(name) + ", which is categorical",
            "a numeric column",
            "use numeric columns in interactions; a categorical one takes a weight per level");
      }
      return c;
    }

    private static List<String> levels(ColumnModel m) {
      return m instanceof ColumnModel.Categorical k
          ? k.levels()
          : ((ColumnModel.Conditional) m).levels();
    }

    private static List<String> keys(String column, List<String> levels) {
      return levels.stream().map(l -> column + "=" + l).toList();
    }

    private static int levelIndex(ColumnModel m, String column, String level, List<Object> at) {
      List<String> levels = levels(m);
      int i = levels.indexOf(level);
      if (i < 0) {
        throw new FieldException(
            at,
            quote(level) + ", which is not a level of " + quote(column),
            "one of its levels " + levels,
            "use one of the listed levels (they are case-sensitive)");
      }
      return i;
    }

    private static String quote(String s) {
      return UserInputException.quote(s);
    }

    /** The logistic score without the intercept, per row. */
    double[] scores(Table t) {
      double[] s = new double[t.rowCount()];
      for (Term term : terms) {
        if (term.level >= 0) {
          CategoricalColumn c = (CategoricalColumn) t.column(term.a);
          for (int r = 0; r < s.length; r++) {
            if (c.code(r) == term.level) {
              s[r] += term.weight;
            }
          }
        } else {
          NumericColumn a = (NumericColumn) t.column(term.a);
          NumericColumn b = term.b < 0 ? null : (NumericColumn) t.column(term.b);
          for (int r = 0; r < s.length; r++) {
            double v = b == null ? a.get(r) : a.get(r) * b.get(r);
            if (!Double.isNaN(v)) {
              s[r] += term.weight * v;
            }
          }
        }
      }
      return s;
    }

    /** P(noise-free label positive) per row: σ(intercept + score), or 0/1 for a threshold. */
    double[] probabilities(Table t) {
      double[] p = new double[t.rowCount()];
      if (rule instanceof WorldSpec.Logistic l) {
        double[] s = scores(t);
        for (int r = 0; r < s.length; r++) {
          p[r] = 1 / (1 + Math.exp(-(l.intercept() + s[r])));
        }
        return p;
      }
      java.util.Arrays.fill(p, 1);
      for (Term term : terms) {
        for (int r = 0; r < p.length; r++) {
          if (!holds(term, t, r)) {
            p[r] = 0;
          }
        }
      }
      return p;
    }

    private boolean[] truth(Table t, UniformRandomProvider rng) {
      double[] p = probabilities(t);
      boolean[] positive = new boolean[p.length];
      boolean drawn = rule instanceof WorldSpec.Logistic;
      for (int r = 0; r < p.length; r++) {
        positive[r] = drawn ? rng.nextDouble() < p[r] : p[r] == 1;
      }
      return positive;
    }

    private static boolean holds(Term term, Table t, int r) {
      if (term.level >= 0 || t.column(term.a) instanceof CategoricalColumn) {
        int code = ((CategoricalColumn) t.column(term.a)).code(r);
        if (code < 0) {
          return false;
        }
        return term.op.equals("==") == (code == term.level);
      }
      double v = ((NumericColumn) t.column(term.a)).get(r);
      return switch (term.op) {
        case "<" -> v < term.value;
        case "<=" -> v <= term.value;
        case ">" -> v > term.value;
        default -> v >= term.value;
      };
    }

    Table label(Table features, Schema schema, UniformRandomProvider rng) {
      boolean[] truth = truth(features, rng);
      int n = truth.length;
      int[] observed = new int[n];
      int[] clean = new int[n];
      for (int r = 0; r < n; r++) {
        clean[r] = truth[r] ? 1 : 0;
        observed[r] = rule.noise() > 0 && rng.nextDouble() < rule.noise() ? 1 - clean[r] : clean[r];
      }
      List<dev.gauntlet.data.Column> cols = new ArrayList<>(features.columns());
      cols.add(CategoricalColumn.of(observed, rule.classes()));
      if (rule.truth() != null) {
        cols.add(CategoricalColumn.of(clean, rule.classes()));
      }
      return Table.of(schema, cols);
    }
  }
}
