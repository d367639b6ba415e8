package dev.gauntlet.generators.stat;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps constraints by transformation: between the columns users see and the columns a generator
 * models. {@code b} of {@code a < b} is modelled as b - a; the columns of {@code combinations(...)}
 * as one column of seen combinations (named like the constraint, where its first column was).
 */
final class Transform {
  private final List<Constraint> rules;
  private final List<Constraint.Inequality> inequalities; // in an order where lower comes first

  Transform(List<Constraint> rules) {
    this.rules = List.copyOf(rules);
    List<Constraint.Inequality> pending = new ArrayList<>();
    for (Constraint c : rules) {
      if (c instanceof Constraint.Inequality i) {
        pending.add(i);
      }
    }
    List<Constraint.Inequality> ordered = new ArrayList<>();
    while (!pending.isEmpty()) {
      Constraint.Inequality next =
          pending.stream()
              .filter(i -> pending.stream().noneMatch(j -> j.upper().equals(i.lower())))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserInputException(
                          "constraints " + pending,
                          "inequalities that form a cycle",
                          "inequalities that order columns one way",
                          "drop one of the inequalities in the cycle"));
      pending.remove(next);
      ordered.add(next);
    }
    this.inequalities = ordered;
  }

  List<Constraint> rules() {
    return rules;
  }

  boolean isDifference(String column) {
    return inequalities.stream().anyMatch(i -> i.upper().equals(column));
  }

  /** The columns {@link #toModel} makes of a table with the columns {@code output}. */
  Schema modelSchema(Schema output) {
    List<ColumnSpec> specs = new ArrayList<>(output.columns());
    for (Constraint c : rules) {
      if (c instanceof Constraint.Combinations k) {
        List<ColumnSpec> next = new ArrayList<>();
        for (ColumnSpec s : specs) {
          if (s.name().equals(k.columns().get(0))) {
            next.add(ColumnSpec.categorical(k.toString()));
          } else if (!k.columns().contains(s.name())) {
            next.add(s);
          }
        }
        specs = next;
      }
    }
    return Schema.of(specs);
  }

  /** The modelled form of a sample whose rows keep every rule. */
  Table toModel(Table sample) {
    Table t = sample;
    for (Constraint.Inequality i : inequalities) {
      // the sample's own values: in a chain a < b <= c, t's b is already the difference b - a
      double[] a = sample.numeric(i.lower()).values();
      double[] b = sample.numeric(i.upper()).values();
      double[] d = new double[b.length];
      for (int r = 0; r < d.length; r++) {
        d[r] = b[r] - a[r];
      }
      t = t.withColumn(t.schema().spec(i.upper()), NumericColumn.of(d));
    }
    for (Constraint c : rules) {
      if (c instanceof Constraint.Combinations k) {
        String[] combined = new String[t.rowCount()];
        for (int r = 0; r < combined.length; r++) {
          combined[r] = Constraint.combine(t, k.columns(), r);
        }
        t =
            replace(
                t,
                k.columns(),
                ColumnSpec.categorical(k.toString()),
                CategoricalColumn.ofValues(combined));
      }
    }
    return t;
  }

  private static Table replace(Table t, List<String> old, ColumnSpec spec, Column column) {
    List<ColumnSpec> specs = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int c = 0; c < t.columnCount(); c++) {
      String name = t.schema().get(c).name();
      if (name.equals(old.get(0))) {
        specs.add(spec);
        cols.add(column);
      } else if (!old.contains(name)) {
        specs.add(t.schema().get(c));
        cols.add(t.column(c));
      }
    }
    return Table.of(Schema.of(specs), cols);
  }

  /**
   * The users' form of a modelled table: combinations split, differences added back (rounded to the
   * difference's decimals), columns in {@code schema}'s order.
   */
  Table toOutput(Table modelled, Schema schema, List<ColumnModel> models) {
    Table t = modelled;
    for (Constraint c : rules) {
      if (c instanceof Constraint.Combinations k) {
        CategoricalColumn combined = t.categorical(k.toString());
        List<String[]> parts = new ArrayList<>();
        for (int i = 0; i < k.columns().size(); i++) {
          parts.add(new String[combined.size()]);
        }
        for (int r = 0; r < combined.size(); r++) {
          String level = combined.level(r);
          if (level != null) {
            String[] values = level.split(Constraint.Combinations.SEPARATOR, -1);
            for (int i = 0; i < values.length; i++) {
              parts.get(i)[r] = values[i];
            }
          }
        }
        for (int i = 0; i < k.columns().size(); i++) {
          t =
              t.withColumn(
                  ColumnSpec.categorical(k.columns().get(i)),
                  CategoricalColumn.ofValues(parts.get(i)));
        }
      }
    }
    for (Constraint.Inequality i : inequalities) {
      double[] a = t.numeric(i.lower()).values();
      double[] d = t.numeric(i.upper()).values();
      Integer decimals = null;
      for (ColumnModel m : models) {
        if (m.name().equals(i.upper()) && m instanceof ColumnModel.Numeric n) {
          decimals = n.decimals();
        }
      }
      double scale = decimals == null ? 1 : Math.pow(10, decimals);
      for (int r = 0; r < d.length; r++) {
        double b = a[r] + d[r];
        d[r] = decimals == null ? b : Math.rint(b * scale) / scale;
      }
      t = t.withColumn(t.schema().spec(i.upper()), NumericColumn.of(d));
    }
    List<Column> cols = new ArrayList<>();
    for (ColumnSpec spec : schema.columns()) {
      cols.add(t.column(spec.name()));
    }
    return Table.of(schema, cols);
  }
}
