package dev.gauntlet.evaluation;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Quantiles;
import java.util.ArrayList;
import java.util.List;

/**
 * One column's rows split into non-empty groups: each row's group index and each group's
 * description. Categorical columns group by level (in dictionary order); numeric columns by
 * right-closed quantile bin; missing values, if any, form the last group.
 *
 * @param column the column name
 * @param descriptions one per group, such as {@code colour = red} or {@code age in (30, 41]}
 * @param group each row's group, within [0, descriptions.size())
 */
record Grouping(String column, List<String> descriptions, int[] group) {
  Grouping {
    descriptions = List.copyOf(descriptions);
  }

  static Grouping of(Table table, String column, int bins) {
    Column c = table.column(column);
    if (c instanceof CategoricalColumn k) {
      List<String> raw = new ArrayList<>();
      for (String level : k.levels()) {
        raw.add(column + " = " + level);
      }
      raw.add(column + " is missing");
      int missing = k.levels().size();
      int[] group = new int[k.size()];
      for (int r = 0; r < group.length; r++) {
        group[r] = k.isMissing(r) ? missing : k.code(r);
      }
      return compact(column, raw, group);
    }
    NumericColumn n = (NumericColumn) c;
    double[] values = n.values();
    double[] cuts = Quantiles.cuts(values, bins);
    List<String> raw = new ArrayList<>();
    int m = cuts.length;
    if (m == 0) {
      raw.add(column + " is not missing");
    } else {
      raw.add(column + " <= " + NumberText.format(cuts[0]));
      for (int i = 1; i < m; i++) {
        raw.add(
            column
                + " in ("
                + NumberText.format(cuts[i - 1])
                + ", "
                + NumberText.format(cuts[i])
                + "]");
      }
      raw.add(column + " > " + NumberText.format(cuts[m - 1]));
    }
    raw.add(column + " is missing");
    int missing = m + 1;
    int[] group = new int[values.length];
    for (int r = 0; r < group.length; r++) {
      group[r] = Double.isNaN(values[r]) ? missing : Quantiles.bin(cuts, values[r]);
    }
    return compact(column, raw, group);
  }

  /** Drops the groups no row falls in and renumbers the rest, keeping their order. */
  private static Grouping compact(String column, List<String> raw, int[] group) {
    int[] counts = new int[raw.size()];
    for (int g : group) {
      counts[g]++;
    }
    int[] renumber = new int[raw.size()];
    List<String> kept = new ArrayList<>();
    for (int g = 0; g < raw.size(); g++) {
      renumber[g] = kept.size();
      if (counts[g] > 0) {
        kept.add(raw.get(g));
      }
    }
    for (int r = 0; r < group.length; r++) {
      group[r] = renumber[group[r]];
    }
    return new Grouping(column, kept, group);
  }

  int size() {
    return descriptions.size();
  }

  /** One slice per group, in group order. */
  List<Slice> slices() {
    int k = descriptions.size();
    int[] counts = new int[k];
    for (int g : group) {
      counts[g]++;
    }
    int[][] rows = new int[k][];
    for (int g = 0; g < k; g++) {
      rows[g] = new int[counts[g]];
    }
    int[] fill = new int[k];
    for (int r = 0; r < group.length; r++) {
      rows[group[r]][fill[group[r]]++] = r;
    }
    List<Slice> out = new ArrayList<>(k);
    for (int g = 0; g < k; g++) {
      out.add(new Slice(descriptions.get(g), rows[g]));
    }
    return out;
  }
}
