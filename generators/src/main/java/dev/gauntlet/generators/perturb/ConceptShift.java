package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.FieldException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.stat.ColumnModel;
import dev.gauntlet.generators.stat.WorldGenerator;
import dev.gauntlet.generators.stat.WorldProvider;
import dev.gauntlet.generators.stat.WorldSpec;
import dev.gauntlet.generators.stat.WorldSpec.Condition;
import dev.gauntlet.generators.stat.WorldSpec.Interaction;
import dev.gauntlet.generators.stat.WorldSpec.LabelRule;
import dev.gauntlet.generators.stat.WorldSpec.Logistic;
import dev.gauntlet.generators.stat.WorldSpec.Threshold;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Perturbation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Concept shift in a known world: every row of data from a {@link WorldSpec} is relabelled with the
 * world's label rule changed (logistic weights and intercept, or threshold values), the features
 * untouched. Registered as {@code concept-shift}; {@link #of} is the Java form.
 *
 * <p>Severity s interpolates the rule: logistic weights, interaction weights and intercept are
 * {@code (1 - s) · before + s · after} (a weight one rule lacks is 0); numeric threshold values
 * likewise (categorical conditions cannot change). The rule at s = 0 is the world's, at s = 1 the
 * changed one.
 *
 * <p>A logistic world draws each label, so a rule gives a probability per row, not a label. Each
 * row keeps a latent uniform {@code u} consistent with its label ({@code u < p_before} exactly when
 * the noise-free label is positive, drawn from the seed) and is relabelled positive when {@code u <
 * p_s}. So at s = 0 every label is unchanged, labels change monotonically as s rises (for one
 * seed), and at s = 1 the labels are distributed as the changed world would draw them. Threshold
 * rules give 0 or 1, so at s = 1 the labels are exactly the changed rule's.
 *
 * <p>Label noise: each row keeps whether its label was flipped. The flip is read from the world's
 * {@code truth} column when the table holds it (and that column is relabelled too), assumed absent
 * when the world has no noise, and otherwise drawn, with the seed, from its posterior given the
 * label and the old rule. The flip is then applied to the new noise-free label, so noise stays at
 * the world's rate and s = 0 still changes nothing. A row whose label the old rule cannot make (a
 * threshold world's data edited by hand) keeps it until the rule's verdict on it changes.
 *
 * <p>A logistic rule with a {@code positiveRate} has its intercept calibrated as the world
 * generator does, on a pilot sample from the perturbation's seed: close to, not exactly, the
 * intercept the data was generated with (whose pilot came from the generation seed). Severity 0 is
 * still exact; at 1 the labels follow the changed rule up to that difference. A changed rule with a
 * {@code positiveRate} is calibrated to it too (the CLI keeps the world's rate unless {@code
 * intercept=} shifts the calibrated intercept).
 */
public final class ConceptShift {
  static final String NAME = "concept-shift";

  private final WorldSpec world;
  private final UnaryOperator<LabelRule> change;
  private final Params params;
  private final List<ColumnModel> models;

  private ConceptShift(WorldSpec world, UnaryOperator<LabelRule> change, Params params) {
    this.world = world;
    this.change = change;
    this.params = params;
    LabelRule after = change.apply(world.label());
    Set<String> used = new LinkedHashSet<>(world.label().columnsUsed().values());
    used.addAll(after.columnsUsed().values());
    List<ColumnModel> m = new ArrayList<>();
    for (ColumnModel c : world.columns()) {
      if (used.contains(c.name())) {
        m.add(c);
      }
    }
    this.models = List.copyOf(m);
    checkCompatible(world.label(), after);
    WorldGenerator.positiveProbability(after, models); // checks its columns and levels
  }

  /**
   * Relabels data of {@code world} with its rule changed to {@code after} at severity 1. The label
   * column, classes, noise and truth column stay the world's.
   *
   * @throws IllegalArgumentException when the world has no label rule, or {@code after} is not the
   *     same kind of rule on the same label, or (threshold) changes more than numeric values
   */
  public static Perturbation of(WorldSpec world, LabelRule after) {
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(after, "after");
    if (world.label() == null) {
      throw new IllegalArgumentException("the world has no label rule to change");
    }
    ConceptShift shift =
        new ConceptShift(world, before -> after, Params.of(NAME, Map.of(), Domain.PARAMETERS));
    return new Perturbation() {
      @Override
      public Table apply(Table table, double severity, Seed seed) {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(seed, "seed");
        if (!(severity >= 0 && severity <= 1)) {
          throw new IllegalArgumentException("severity is not within [0, 1]: " + severity);
        }
        return shift.apply(table, severity, seed);
      }

      @Override
      public boolean keepsRowIdentity() {
        return true; // labels change, rows stay
      }
    };
  }

  /** The rule at severity s: the weights (or numeric threshold values) interpolated. */
  static LabelRule at(LabelRule before, LabelRule after, double s) {
    if (s == 0) {
      return before;
    }
    if (s == 1) {
      return after;
    }
    if (before instanceof Logistic b) {
      Logistic a = (Logistic) after;
      Map<String, Double> w = new LinkedHashMap<>();
      for (Map.Entry<String, Double> e : b.weights().entrySet()) {
        w.put(e.getKey(), mix(e.getValue(), a.weights().getOrDefault(e.getKey(), 0.0), s));
      }
      for (Map.Entry<String, Double> e : a.weights().entrySet()) {
        w.putIfAbsent(e.getKey(), s * e.getValue());
      }
      List<Interaction> inter = new ArrayList<>();
      for (Interaction i : b.interactions()) {
        inter.add(new Interaction(i.a(), i.b(), (1 - s) * i.weight()));
      }
      for (Interaction i : a.interactions()) {
        inter.add(new Interaction(i.a(), i.b(), s * i.weight()));
      }
      return new Logistic(
          b.column(),
          b.classes(),
          w,
          inter,
          mix(b.intercept(), a.intercept(), s),
          b.noise(),
          null,
          b.truth());
    }
    Threshold b = (Threshold) before;
    List<Condition> all = new ArrayList<>();
    for (int i = 0; i < b.all().size(); i++) {
      Condition c0 = b.all().get(i);
      Condition c1 = ((Threshold) after).all().get(i);
      all.add(
          c0.value().equals(c1.value())
              ? c0
              : new Condition(
                  c0.column(),
                  c0.op(),
                  Double.toString(
                      mix(Double.parseDouble(c0.value()), Double.parseDouble(c1.value()), s))));
    }
    return new Threshold(b.column(), b.classes(), all, b.noise(), b.truth());
  }

  private static double mix(double before, double after, double s) {
    return (1 - s) * before + s * after;
  }

  private static void checkCompatible(LabelRule before, LabelRule after) {
    if (before.getClass() != after.getClass()) {
      throw new IllegalArgumentException(
          "the world's rule is " + kind(before) + " but the changed rule is " + kind(after));
    }
    if (!before.column().equals(after.column()) || !before.classes().equals(after.classes())) {
      throw new IllegalArgumentException(
          "the changed rule labels \""
              + after.column()
              + "\" with "
              + after.classes()
              + "; the world labels \""
              + before.column()
              + "\" with "
              + before.classes());
    }
    if (before instanceof Threshold b) {
      List<Condition> a = ((Threshold) after).all();
      if (a.size() != b.all().size()) {
        throw new IllegalArgumentException(
            "the changed threshold rule has "
                + a.size()
                + " conditions, the world's "
                + b.all().size()
                + "; only condition values can change");
      }
      for (int i = 0; i < a.size(); i++) {
        Condition c0 = b.all().get(i);
        Condition c1 = a.get(i);
        boolean numeric = List.of("<", "<=", ">", ">=").contains(c0.op());
        if (!c0.column().equals(c1.column())
            || !c0.op().equals(c1.op())
            || (!numeric && !c0.value().equals(c1.value()))
            || (numeric && !(isNumber(c0.value()) && isNumber(c1.value())))) {
          throw new IllegalArgumentException(
              "condition "
                  + (i + 1)
                  + " changes from "
                  + text(c0)
                  + " to "
                  + text(c1)
                  + "; only the number of a numeric condition can change");
        }
      }
    }
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String kind(LabelRule rule) {
    return rule instanceof Logistic ? "logistic" : "threshold";
  }

  private static String text(Condition c) {
    return c.column() + " " + c.op() + " " + c.value();
  }

  /** A logistic rule with a positive rate gets its intercept calibrated as the world does. */
  private LabelRule calibrated(LabelRule rule, Seed seed) {
    if (rule instanceof Logistic l && l.positiveRate() != null) {
      return WorldGenerator.of(world.withLabel(l), seed.derive("calibrate")).spec().label();
    }
    return rule;
  }

  Table apply(Table t, double severity, Seed seed) {
    LabelRule before = calibrated(world.label(), seed);
    LabelRule after = calibrated(change.apply(before), seed);
    Table features = features(t);
    double[] p0 = WorldGenerator.positiveProbability(before, models).apply(features);
    double[] ps =
        severity == 0
            ? p0
            : WorldGenerator.positiveProbability(at(before, after, severity), models)
                .apply(features);
    String label = before.column();
    int[] y = classes(t, label, before.classes());
    String truthName =
        before.truth() != null && t.schema().contains(before.truth()) ? before.truth() : null;
    int[] truth = truthName == null ? null : classes(t, truthName, before.classes());
    double noise = before.noise();
    UniformRandomProvider rng = seed.rng(NAME, 0);
    int[] newY = y.clone();
    int[] newTruth = truth == null ? null : truth.clone();
    for (int r = 0; r < y.length; r++) {
      // two uniforms for every row, so a row's draws do not depend on other rows or the severity
      double a = rng.nextDouble();
      double b = rng.nextDouble();
      int clean;
      boolean flipped;
      if (truth != null && truth[r] >= 0) {
        clean = truth[r];
        flipped = y[r] >= 0 && y[r] != clean;
      } else if (y[r] < 0) {
        continue;
      } else if (noise == 0) {
        clean = y[r];
        flipped = false;
      } else {
        double keep = y[r] == 1 ? p0[r] * (1 - noise) : (1 - p0[r]) * (1 - noise);
        double flip = y[r] == 1 ? (1 - p0[r]) * noise : p0[r] * noise;
        flipped = a < flip / (keep + flip);
        clean = flipped ? 1 - y[r] : y[r];
      }
      double lo = clean == 1 ? 0 : p0[r];
      double hi = clean == 1 ? p0[r] : 1;
      int next;
      if (hi > lo) {
        next = lo + b * (hi - lo) < ps[r] ? 1 : 0;
      } else {
        next = ps[r] == p0[r] ? clean : (b < ps[r] ? 1 : 0);
      }
      if (y[r] >= 0) {
        newY[r] = flipped ? 1 - next : next;
      }
      if (newTruth != null) {
        newTruth[r] = next;
      }
    }
    Table out = write(t, label, newY, before.classes());
    return truthName == null ? out : write(out, truthName, newTruth, before.classes());
  }

  /** The table's columns the rules read, in the world's order, coded as the world's models. */
  private Table features(Table t) {
    Table.Builder b = Table.builder();
    for (ColumnModel m : models) {
      if (!t.schema().contains(m.name())) {
        throw params.error(
            "world",
            "no column " + quote(m.name()) + ", which the label rule reads",
            "the world's columns in the table: " + t.schema().names(),
            "perturb data generated from this world, or fix the world spec");
      }
      Column c = t.column(m.name());
      if (m instanceof ColumnModel.Numeric) {
        if (!(c instanceof NumericColumn)) {
          throw params.error(
              "world",
              quote(m.name()) + " is categorical in the table",
              "a numeric column, as in the world",
              "perturb data generated from this world");
        }
        b.add(ColumnSpec.numeric(m.name()), c);
      } else {
        List<String> levels =
            m instanceof ColumnModel.Categorical k
                ? k.levels()
                : ((ColumnModel.Conditional) m).levels();
        CategoricalColumn k = Domain.labelColumn(t, m.name(), params);
        List<String> all = new ArrayList<>(levels);
        for (String level : k.levels()) {
          if (!all.contains(level)) {
            all.add(level);
          }
        }
        b.add(ColumnSpec.categorical(m.name()), k.recode(all));
      }
    }
    return b.build();
  }

  /** Codes of a label-like column: 0 or 1 (the index in the rule's classes), -1 when missing. */
  private int[] classes(Table t, String column, List<String> classes) {
    if (!t.schema().contains(column)) {
      throw params.error(
          "world",
          "no column " + quote(column) + ", the world's label",
          "one of " + t.schema().names(),
          "perturb data generated from this world, or fix the label column in the spec");
    }
    CategoricalColumn k = Domain.labelColumn(t, column, params);
    int[] out = new int[k.size()];
    for (int r = 0; r < out.length; r++) {
      if (k.isMissing(r)) {
        out[r] = -1;
        continue;
      }
      out[r] = classes.indexOf(k.level(r));
      if (out[r] < 0) {
        throw params.error(
            "world",
            "the value " + quote(k.level(r)) + " in " + quote(column),
            "one of the world's classes " + classes,
            "perturb data generated from this world, or fix the classes in the spec");
      }
    }
    return out;
  }

  private static Table write(Table t, String column, int[] cls, List<String> classes) {
    List<String> levels =
        t.column(column) instanceof CategoricalColumn k
            ? new ArrayList<>(k.levels())
            : new ArrayList<>();
    for (String c : classes) {
      if (!levels.contains(c)) {
        levels.add(c);
      }
    }
    int[] codes = new int[cls.length];
    for (int r = 0; r < codes.length; r++) {
      codes[r] = cls[r] < 0 ? CategoricalColumn.MISSING : levels.indexOf(classes.get(cls[r]));
    }
    return Domain.replace(
        t, column, Domain.labelValues(t, column, CategoricalColumn.of(codes, levels)));
  }

  /** {@code concept-shift}: the registered form, reading the world from a JSON file. */
  public static final class Provider extends BaseProvider {

    public Provider() {
      super(
          NAME,
          "relabel every row with a known world's label rule changed (data from the world generator)",
          param("world", null, "the world spec the data came from (JSON); its rule is the old one"),
          param(
              "weights",
              "",
              "new or changed logistic weights at severity 1, as age=-0.05;region=south=0.3"),
          param(
              "intercept",
              "0",
              "added to the logistic intercept at severity 1 (keeps positiveRate when 0)"),
          param(
              "thresholds",
              "",
              "new values of numeric threshold conditions, as age=40; when age has several"
                  + " conditions, name one by its operator: age>==40 sets the age>= one to 40"));
    }

    @Override
    Body body(Params p) {
      WorldSpec world = WorldProvider.read(Path.of(p.string("world")));
      LabelRule rule = world.label();
      if (rule == null) {
        throw p.error(
            "world", "a world without a label rule", "a world spec with a label", "add a label");
      }
      Map<String, Double> weights = p.numberMap("weights");
      double intercept = p.number("intercept");
      Map<String, Double> thresholds = p.numberMap("thresholds");
      String wrong =
          rule instanceof Logistic
              ? (thresholds.isEmpty() ? null : "thresholds")
              : !weights.isEmpty() ? "weights" : intercept != 0 ? "intercept" : null;
      if (wrong != null) {
        throw p.error(
            wrong,
            "a change for a " + (rule instanceof Logistic ? "threshold" : "logistic") + " rule",
            "the world's rule is "
                + kind(rule)
                + ": change it with "
                + (rule instanceof Logistic ? "weights= or intercept=" : "thresholds="),
            "drop " + wrong + "=");
      }
      if (weights.isEmpty() && intercept == 0 && thresholds.isEmpty()) {
        throw p.error(
            rule instanceof Logistic ? "weights" : "thresholds",
            "no change to the rule",
            rule instanceof Logistic ? "weights= or intercept=" : "thresholds=",
            "say what changes, e.g. "
                + (rule instanceof Logistic ? "weights=age=0.1" : "thresholds=age=40"));
      }
      UnaryOperator<LabelRule> change =
          rule instanceof Logistic l0
              ? logisticChange(p, world, l0, weights, intercept)
              : thresholdChange(p, (Threshold) rule, thresholds);
      ConceptShift shift;
      try {
        shift = new ConceptShift(world, change, p);
      } catch (FieldException e) {
        throw p.error(
            rule instanceof Logistic ? "weights" : "thresholds",
            e.found(),
            e.expected(),
            e.fix() == null ? "fix the key" : e.fix());
      } catch (IllegalArgumentException e) {
        throw p.error(
            rule instanceof Logistic ? "weights" : "thresholds",
            String.valueOf(e.getMessage()),
            "keys of the world's columns and levels",
            "fix the key");
      }
      return (d, severity, seed) -> {
        if (p.has("label") && !rule.column().equals(d.label())) {
          throw p.error(
              "label",
              quote(String.valueOf(d.label())),
              "the world's label " + quote(rule.column()),
              "drop label=, the world names its label");
        }
        return shift.apply(d.table(), severity, seed);
      };
    }

    private static UnaryOperator<LabelRule> logisticChange(
        Params p, WorldSpec world, Logistic l0, Map<String, Double> weights, double intercept) {
      List<String> names = world.columns().stream().map(ColumnModel::name).toList();
      for (String key : weights.keySet()) {
        String column = key.contains("=") ? key.substring(0, key.indexOf('=')) : key;
        if (!names.contains(column)) {
          throw p.error(
              "weights",
              "no column " + quote(column) + " in the world",
              "one of " + names + " (column=level for a categorical one)",
              "use the world's column names (they are case-sensitive)");
        }
      }
      boolean shifted = p.has("intercept") && intercept != 0;
      return before -> {
        Logistic l = (Logistic) before;
        Map<String, Double> w = new LinkedHashMap<>(l.weights());
        w.putAll(weights);
        return new Logistic(
            l.column(),
            l.classes(),
            w,
            l.interactions(),
            l.intercept() + intercept,
            l.noise(),
            shifted ? null : l.positiveRate(),
            l.truth());
      };
    }

    private static UnaryOperator<LabelRule> thresholdChange(
        Params p, Threshold rule, Map<String, Double> values) {
      List<String> keys = new ArrayList<>();
      for (Condition c : rule.all()) {
        long same = rule.all().stream().filter(o -> o.column().equals(c.column())).count();
        keys.add(same == 1 ? c.column() : c.column() + c.op());
      }
      for (String key : values.keySet()) {
        int i = keys.indexOf(key);
        if (i < 0) {
          throw p.error(
              "thresholds",
              "no condition " + quote(key),
              "one of " + keys + " (a column, or column and operator when it has several)",
              "name a condition of the world's rule");
        }
        if (!List.of("<", "<=", ">", ">=").contains(rule.all().get(i).op())) {
          throw p.error(
              "thresholds",
              quote(key) + " is a categorical condition (" + text(rule.all().get(i)) + ")",
              "a numeric condition",
              "change numeric conditions only");
        }
      }
      return before -> {
        Threshold t = (Threshold) before;
        List<Condition> all = new ArrayList<>();
        for (int i = 0; i < t.all().size(); i++) {
          Condition c = t.all().get(i);
          Double v = values.get(keys.get(i));
          all.add(v == null ? c : new Condition(c.column(), c.op(), Double.toString(v)));
        }
        return new Threshold(t.column(), t.classes(), all, t.noise(), t.truth());
      };
    }
  }
}
