package dev.gauntlet.generators.perturb;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.NumberText;
import dev.gauntlet.spi.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The parameters of one perturbation, as text by name, with typed getters. Every problem is a
 * {@link UserInputException} that names the perturbation and the key, e.g. {@code covariate-shift:
 * shift is not a number: "abc"}. Unknown keys are rejected with the known ones. Lists are written
 * {@code a;b}; maps {@code yes=0.5;no=0.5}.
 */
public final class Params {
  private final String perturbation;
  private final Map<String, String> values;
  private final Map<String, Parameter> declared;

  private Params(String perturbation, Map<String, String> values, List<Parameter> declared) {
    this.perturbation = perturbation;
    this.values = Map.copyOf(values);
    this.declared = new LinkedHashMap<>();
    for (Parameter p : declared) {
      this.declared.put(p.name(), p);
    }
  }

  /** Checks the keys against the declared parameters; a missing required one is an error too. */
  public static Params of(
      String perturbation, Map<String, String> values, List<Parameter> declared) {
    Params params = new Params(perturbation, values, declared);
    for (String key : new TreeMap<>(values).keySet()) {
      if (!params.declared.containsKey(key)) {
        throw params.error(
            key,
            "an unknown parameter " + quote(key),
            "one of " + params.declared.keySet(),
            "use one of the listed parameters (gauntlet perturb --list shows them all)");
      }
    }
    for (Parameter p : declared) {
      if (p.required() && !values.containsKey(p.name())) {
        throw params.error(
            p.name(), "no value", p.description(), "add " + p.name() + "=... to the perturbation");
      }
    }
    return params;
  }

  public String perturbation() {
    return perturbation;
  }

  /** Whether the user gave the key (an empty value counts). */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** The text of a key: the user's value, or the declared default (null when there is none). */
  public String string(String key) {
    String v = values.get(key);
    if (v != null) {
      return v.trim();
    }
    Parameter p = declared.get(key);
    if (p == null) {
      throw new IllegalArgumentException(perturbation + " declares no parameter " + key);
    }
    return p.defaultValue();
  }

  /** Text that may be absent or empty; returns null then. */
  public String optional(String key) {
    String v = string(key);
    return v == null || v.isEmpty() ? null : v;
  }

  public double number(String key) {
    String text = string(key);
    if (text == null || !NumberText.isNumber(text)) {
      throw error(key, "not a number: " + quote(text), "a number", "write a number such as 0.5");
    }
    double v = NumberText.parse(text);
    if (!Double.isFinite(v)) {
      throw error(key, "not finite: " + quote(text), "a finite number", "write a finite number");
    }
    return v;
  }

  /** A number within {@code [min, max]}. */
  public double number(String key, double min, double max) {
    double v = number(key);
    if (v < min || v > max) {
      throw error(
          key,
          "not within [" + fmt(min) + ", " + fmt(max) + "]: " + string(key),
          "a number from " + fmt(min) + " to " + fmt(max),
          "choose a value in that range");
    }
    return v;
  }

  /** A share, within [0, 1]. */
  public double rate(String key) {
    return number(key, 0, 1);
  }

  public int integer(String key, int min, int max) {
    double v = number(key, min, max);
    if (v != Math.rint(v)) {
      throw error(key, "not a whole number: " + string(key), "a whole number", "drop the decimals");
    }
    return (int) v;
  }

  /** One of the allowed words. */
  public String choice(String key, String... allowed) {
    String v = string(key);
    if (v == null || !Arrays.asList(allowed).contains(v)) {
      throw error(
          key, quote(v), "one of " + Arrays.toString(allowed), "use one of the listed values");
    }
    return v;
  }

  /** A {@code ;}-separated list; empty when absent. */
  public List<String> list(String key) {
    String v = optional(key);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String part : v.split(";", -1)) {
      String p = part.trim();
      if (p.isEmpty()) {
        throw error(
            key, "an empty item in " + quote(v), "items separated by ;", "remove the empty item");
      }
      out.add(p);
    }
    return out;
  }

  /** A {@code ;}-separated list of {@code key=value}; insertion order kept. */
  public Map<String, String> map(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : list(key)) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw error(
            key,
            quote(item),
            "items like name=value separated by ;",
            "write, for example, " + key + "=yes=0.5;no=0.5");
      }
      out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
    }
    return out;
  }

  /** A {@code ;}-separated list of {@code name=number}. */
  public Map<String, Double> numberMap(String key) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : map(key).entrySet()) {
      if (!NumberText.isNumber(e.getValue())) {
        throw error(
            key,
            "not a number for " + quote(e.getKey()) + ": " + quote(e.getValue()),
            "name=number items",
            "write a number after each =");
      }
      out.put(e.getKey(), NumberText.parse(e.getValue()));
    }
    return out;
  }

  /** An error about one key, naming the perturbation: {@code covariate-shift: shift ...}. */
  public UserInputException error(String key, String found, String expected, String fix) {
    return new UserInputException(perturbation + ": " + key, found, expected, fix);
  }

  /** Lists a set of names for messages. */
  static String names(Set<String> names) {
    return names.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
  }

  private static String fmt(double v) {
    return NumberText.format(v);
  }
}
