package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;

/** Poisoning of a training set: label flips and a backdoor trigger. */
final class Poison {
  private Poison() {}

  /** Random or targeted label flips. */
  public static final class LabelFlip extends BaseProvider {
    public LabelFlip() {
      super(
          "label-flip",
          "change a share of the labels: to another class at random, or from one class to another",
          param("rate", "0.1", "share of the candidate labels that end up changed at severity 1"),
          param("from", "", "only flip rows of this class (targeted; default: every row)"),
          param("to", "", "flip to this class (default: another class at random)"));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      String from = p.optional("from");
      String to = p.optional("to");
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        Table t = d.table();
        CategoricalColumn y = Domain.labelColumn(t, label, p);
        boolean[] eligible = new boolean[t.rowCount()];
        int fromCode = from == null ? -2 : classCode(y, from, p, "from", label);
        for (int r = 0; r < eligible.length; r++) {
          eligible[r] = !y.isMissing(r) && (fromCode == -2 || y.code(r) == fromCode);
        }
        return flipLabels(t, label, p, eligible, rate * severity, to, seed);
      };
    }
  }

  static int classCode(CategoricalColumn y, String cls, Params p, String key, String label) {
    int code = y.levels().indexOf(cls);
    if (code < 0) {
      throw p.error(
          key,
          "class " + quote(cls),
          "a class of " + quote(label) + ": " + y.levels(),
          "name one of the label's classes");
    }
    return code;
  }

  /**
   * Changes the label of {@code round(rate * eligible rows)} eligible rows, chosen uniformly: to
   * {@code to}, or to another class uniformly. Rows already of class {@code to} are not eligible.
   */
  static Table flipLabels(
      Table t, String label, Params p, boolean[] eligible, double rate, String to, Seed seed) {
    CategoricalColumn y = Domain.labelColumn(t, label, p);
    int k = y.levels().size();
    int toCode = to == null ? -2 : classCode(y, to, p, "to", label);
    List<Integer> candidates = new ArrayList<>();
    for (int r = 0; r < t.rowCount(); r++) {
      if ((eligible == null || eligible[r]) && !y.isMissing(r) && y.code(r) != toCode) {
        candidates.add(r);
      }
    }
    if (k < 2) {
      return t;
    }
    UniformRandomProvider rng = seed.rng("label-flip", 0);
    int[] rows =
        Sampling.subsetOf(candidates.stream().mapToInt(Integer::intValue).toArray(), rate, rng);
    int[] codes = y.codes();
    for (int r : rows) {
      if (toCode >= 0) {
        codes[r] = toCode;
      } else {
        int c = rng.nextInt(k - 1);
        codes[r] = c >= codes[r] ? c + 1 : c;
      }
    }
    return Domain.replace(
        t, label, Domain.labelValues(t, label, CategoricalColumn.of(codes, y.levels())));
  }

  /** A trigger pattern stamped on a share of rows, relabelled to a target class. */
  public static final class Backdoor extends BaseProvider {
    public Backdoor() {
      super(
          "backdoor",
          "stamp a trigger (fixed values of some columns) on a share of rows and relabel them to a target class",
          param("target", null, "the class triggered rows are relabelled to"),
          param("rate", "0.1", "share of rows poisoned at severity 1"),
          param(
              "trigger",
              "",
              "the pattern, as column=value;column=value (default: the rarest level of the first two categorical features)"));
    }

    @Override
    Body body(Params p) {
      double rate = p.rate("rate");
      String target = p.string("target");
      return (d, severity, seed) -> {
        String label = d.requireLabel();
        Table t = d.table();
        Map<String, String> trigger = trigger(d, p);
        CategoricalColumn y = Domain.labelColumn(t, label, p);
        int targetCode = classCode(y, target, p, "target", label);
        int[] rows = Sampling.subset(t.rowCount(), rate * severity, seed.rng("backdoor", 0));
        int[] codes = y.codes();
        for (int r : rows) {
          codes[r] = targetCode;
        }
        Table out = stamp(t, trigger, rows);
        return Domain.replace(
            out, label, Domain.labelValues(t, label, CategoricalColumn.of(codes, y.levels())));
      };
    }
  }

  /** The trigger of a backdoor: given values checked against the domain, or the default. */
  static Map<String, String> trigger(Domain d, Params p) {
    Map<String, String> given = p.map("trigger");
    Table t = d.table();
    Map<String, String> out = new LinkedHashMap<>();
    if (given.isEmpty()) {
      List<String> cats = d.mutable(ColumnType.CATEGORICAL);
      if (cats.isEmpty()) {
        for (String c : d.mutable(ColumnType.NUMERIC).stream().limit(2).toList()) {
          double max = java.util.Arrays.stream(Domain.present(t.numeric(c))).max().orElse(0);
          out.put(c, NumberText.format(max));
        }
      }
      for (String c : cats.stream().limit(2).toList()) {
        CategoricalColumn k = t.categorical(c);
        int[] counts = k.counts();
        int rarest = -1;
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0 && (rarest < 0 || counts[i] < counts[rarest])) {
            rarest = i;
          }
        }
        if (rarest >= 0) {
          out.put(c, k.levels().get(rarest));
        }
      }
      return out;
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      String c = e.getKey();
      String v = e.getValue();
      Domain.requireColumn(t, p, "trigger", c);
      Column col = t.column(c);
      if (col instanceof CategoricalColumn k && !k.levels().contains(v)) {
        throw p.error(
            "trigger",
            quote(v) + " for " + quote(c),
            "a level of " + quote(c) + ": " + k.levels(),
            "use an existing level");
      }
      if (col instanceof NumericColumn) {
        if (!NumberText.isNumber(v) || d.fix(c, NumberText.parse(v)) != NumberText.parse(v)) {
          throw p.error(
              "trigger",
              quote(v) + " for " + quote(c),
              "a possible value of " + quote(c),
              "use a value within the column's range (and whole, for a whole-number column)");
        }
      }
      if (c.equals(d.label()) || d.isImmutable(c)) {
        throw p.error("trigger", quote(c), "a mutable feature column", "choose another column");
      }
      out.put(c, v);
    }
    return out;
  }

  /** The table with the trigger's values written into the given rows. */
  static Table stamp(Table t, Map<String, String> trigger, int[] rows) {
    Table out = t;
    for (Map.Entry<String, String> e : trigger.entrySet()) {
      Column col = t.column(e.getKey());
      if (col instanceof CategoricalColumn k) {
        int[] codes = k.codes();
        int code = k.levels().indexOf(e.getValue());
        for (int r : rows) {
          codes[r] = code;
        }
        out = Domain.replace(out, e.getKey(), CategoricalColumn.of(codes, k.levels()));
      } else {
        double[] v = ((NumericColumn) col).values();
        double value = NumberText.parse(e.getValue());
        for (int r : rows) {
          v[r] = value;
        }
        out = Domain.replace(out, e.getKey(), NumericColumn.of(v));
      }
    }
    return out;
  }
}
