package dev.gauntlet.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for names a user typed: the closest known name by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The known name closest to {@code typed} (case-insensitive {@link #editDistance}, on ties the
   * first in iteration order), if it is close enough to be a likely typo: at most 1 edit for names
   * up to 4 characters, 2 up to 8, else a quarter of the length. Empty for an exact match.
   */
  public static Optional<String> closest(String typed, Collection<String> known) {
    if (typed == null || typed.isEmpty()) {
      return Optional.empty();
    }
    String t = typed.toLowerCase(Locale.ROOT);
    int limit = t.length() <= 4 ? 1 : t.length() <= 8 ? 2 : t.length() / 4;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : known) {
      if (name.equals(typed)) {
        return Optional.empty();
      }
      int d = editDistance(t, name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /**
   * The fix for a column name that is not in {@code names}: "did you mean" the closest, else the
   * advice to use one of the listed names.
   */
  public static String columnFix(String typed, Collection<String> names) {
    return closest(typed, names)
        .map(s -> "did you mean " + s + "? (names are case-sensitive)")
        .orElse("use one of the listed names (they are case-sensitive)");
  }

  /**
   * The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
   * neighbouring characters, one edit each ({@code dorp} is one edit from {@code drop}).
   */
  public static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
