package dev.gauntlet.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for names a user typed: the closest known name by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The known name closest to {@code typed} (case-insensitive Levenshtein distance, on ties the
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
      int d = levenshtein(t, name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.of(best) : Optional.empty();
  }

  /** The Levenshtein distance: insertions, deletions and substitutions of one character each. */
  public static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
