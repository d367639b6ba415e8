package dev.gauntlet.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A column of codes into a dictionary of levels; code -1 marks a missing value. The dictionary may
 * hold levels that no row uses (a subset of rows keeps its parent's levels).
 */
public final class CategoricalColumn implements Column {
  public static final int MISSING = -1;

  private final int[] codes;
  private final List<String> levels;

  private CategoricalColumn(int[] codes, List<String> levels) {
    this.codes = codes;
    this.levels = levels;
  }

  /**
   * A column holding a copy of {@code codes} into {@code levels}. Levels are unique and non-null;
   * every code is -1 or a valid index.
   */
  public static CategoricalColumn of(int[] codes, List<String> levels) {
    List<String> lv = List.copyOf(levels);
    if (new java.util.HashSet<>(lv).size() != lv.size()) {
      throw new IllegalArgumentException("levels are not unique: " + lv);
    }
    int[] copy = codes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] < MISSING || copy[i] >= lv.size()) {
        throw new IllegalArgumentException(
            "code " + copy[i] + " at row " + i + " is not within [-1, " + lv.size() + ")");
      }
    }
    return new CategoricalColumn(copy, lv);
  }

  /** A column of the given values (null = missing); levels are sorted in natural order. */
  public static CategoricalColumn ofValues(String... values) {
    List<String> levels = Arrays.stream(values).filter(v -> v != null).distinct().sorted().toList();
    Map<String, Integer> index = indexOf(levels);
    int[] codes = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      codes[i] = values[i] == null ? MISSING : index.get(values[i]);
    }
    return new CategoricalColumn(codes, levels);
  }

  /** Takes ownership of {@code codes} without copying or checking; callers vouch for them. */
  static CategoricalColumn wrap(int[] codes, List<String> levels) {
    return new CategoricalColumn(codes, List.copyOf(levels));
  }

  static Map<String, Integer> indexOf(List<String> levels) {
    Map<String, Integer> index = new HashMap<>(levels.size() * 2);
    for (int i = 0; i < levels.size(); i++) {
      index.put(levels.get(i), i);
    }
    return index;
  }

  @Override
  public int size() {
    return codes.length;
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }

  public List<String> levels() {
    return levels;
  }

  public int code(int row) {
    return codes[row];
  }

  /** The level at a row, or null when missing. */
  public String level(int row) {
    int c = codes[row];
    return c == MISSING ? null : levels.get(c);
  }

  /** A copy of the codes. */
  public int[] codes() {
    return codes.clone();
  }

  /** How many rows hold each level, indexed by code. */
  public int[] counts() {
    int[] counts = new int[levels.size()];
    for (int c : codes) {
      if (c != MISSING) {
        counts[c]++;
      }
    }
    return counts;
  }

  /**
   * The same values coded against {@code newLevels}, which must contain every level used here (for
   * instance the union of two dictionaries).
   */
  public CategoricalColumn recode(List<String> newLevels) {
    if (newLevels.equals(levels)) {
      return this;
    }
    Map<String, Integer> index = indexOf(newLevels);
    int[] map = new int[levels.size()];
    for (int i = 0; i < levels.size(); i++) {
      Integer target = index.get(levels.get(i));
      map[i] = target == null ? Integer.MIN_VALUE : target;
    }
    int[] out = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      int c = codes[i];
      if (c == MISSING) {
        out[i] = MISSING;
      } else if (map[c] == Integer.MIN_VALUE) {
        throw new IllegalArgumentException(
            "level \"" + levels.get(c) + "\" is not among the new levels " + newLevels);
      } else {
        out[i] = map[c];
      }
    }
    return new CategoricalColumn(out, List.copyOf(newLevels));
  }

  @Override
  public boolean isMissing(int row) {
    return codes[row] == MISSING;
  }

  @Override
  public int missingCount() {
    int n = 0;
    for (int c : codes) {
      if (c == MISSING) {
        n++;
      }
    }
    return n;
  }

  @Override
  public CategoricalColumn take(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return new CategoricalColumn(out, levels);
  }

  @Override
  public CategoricalColumn slice(int from, int to) {
    return new CategoricalColumn(Arrays.copyOfRange(codes, from, to), levels);
  }

  @Override
  public String format(int row) {
    int c = codes[row];
    return c == MISSING ? "" : levels.get(c);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalColumn c
        && Arrays.equals(c.codes, codes)
        && c.levels.equals(levels);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(codes) + levels.hashCode();
  }

  @Override
  public String toString() {
    return "CategoricalColumn[size=" + codes.length + ", levels=" + levels + "]";
  }
}
