package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Annotation parameters written {@code name=value}. */
final class Params {
  private Params() {}

  static List<String[]> pairs(String[] entries, String where) {
    List<String[]> out = new ArrayList<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException(
            where,
            UserInputException.quote(entry),
            "name=value",
            "write the parameter as name=value, e.g. \"rate=0.3\"");
      }
      out.add(new String[] {entry.substring(0, eq).trim(), entry.substring(eq + 1).trim()});
    }
    return out;
  }

  static Map<String, String> map(String[] entries, String where) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] p : pairs(entries, where)) {
      out.put(p[0], p[1]);
    }
    return out;
  }
}
