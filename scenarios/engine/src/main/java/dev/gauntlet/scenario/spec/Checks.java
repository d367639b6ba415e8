package dev.gauntlet.scenario.spec;

import dev.gauntlet.FieldException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks shared by the spec records; failures are {@link FieldException}s naming the key. */
final class Checks {
  private Checks() {}

  static <T> List<T> list(List<T> values, String key) {
    if (values == null) {
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new FieldException(List.of(key, i), "null", "a value", null);
      }
    }
    return List.copyOf(values);
  }

  /** An insertion-ordered copy that keeps the order a user wrote the keys in. */
  static Map<String, String> map(Map<String, String> values, String key) {
    if (values == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new FieldException(
            List.of(key, String.valueOf(e.getKey())), "null", "a value as text", null);
      }
      out.put(e.getKey(), e.getValue());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static String nonBlank(String value, String key) {
    if (value != null && value.isBlank()) {
      throw new FieldException(key, "\"" + value + "\"", "a non-blank text");
    }
    return value;
  }
}
