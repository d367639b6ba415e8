package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A perturbation as written on the command line: {@code NAME[:key=value,...]}, e.g. {@code
 * missing:rate=0.2,mechanism=mcar}. Values may hold {@code =} and {@code ;} (lists and maps, as
 * {@code proportions=yes=0.5;no=0.5}) but not {@code ,}.
 *
 * @param name the registered name
 * @param params the parameters as text, by key, in the order written
 */
public record PerturbationSpec(String name, Map<String, String> params) {
  public PerturbationSpec {
    params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  public static PerturbationSpec parse(String text) {
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).trim();
    if (name.isEmpty()) {
      throw bad(text, "no perturbation name");
    }
    Map<String, String> params = new LinkedHashMap<>();
    if (colon >= 0 && colon < text.length() - 1) {
      for (String item : text.substring(colon + 1).split(",", -1)) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
          throw bad(text, "the item " + quote(item) + " is not key=value");
        }
        String key = item.substring(0, eq).trim();
        if (params.put(key, item.substring(eq + 1).trim()) != null) {
          throw bad(text, "the key " + quote(key) + " is given twice");
        }
      }
    }
    return new PerturbationSpec(name, params);
  }

  private static UserInputException bad(String text, String found) {
    return new UserInputException(
        "--apply " + quote(text),
        found,
        "NAME[:key=value,...], e.g. missing:rate=0.2,mechanism=mcar",
        "write the perturbation's name, a colon, and key=value pairs separated by commas");
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name);
    String sep = ":";
    for (Map.Entry<String, String> e : params.entrySet()) {
      b.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = ",";
    }
    return b.toString();
  }
}
