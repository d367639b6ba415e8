package dev.gauntlet.scenario.yaml.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known name closest to what a user typed, when it is a likely typo. */
public final class Suggest {
  private Suggest() {}

  /**
   * The closest of {@code known} by case-insensitive edit distance, if within 1 edit for names up
   * to 4 characters, 2 up to 8, a quarter of the length beyond; empty for no likely match.
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
      int d = distance(t, name.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = name;
        bestDistance = d;
      }
    }
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance, computed up to texts of 200 characters (longer: the length gap). */
  static int distance(String a, String b) {
    if (a.length() > 200 || b.length() > 200) {
      return Math.max(a.length(), b.length());
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
