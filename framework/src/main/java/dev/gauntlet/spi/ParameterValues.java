package dev.gauntlet.spi;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.NumberText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter values given as text, checked against the {@link Parameter}s an extension declares:
 * unknown names are refused, missing ones take their defaults, and each typed read names the
 * parameter in its {@link FieldException}.
 */
public final class ParameterValues {
  private final Map<String, String> values;

  private ParameterValues(Map<String, String> values) {
    this.values = values;
  }

  /** The given values over the declared defaults; an undeclared or missing required one fails. */
  public static ParameterValues of(Map<String, String> given, List<Parameter> declared) {
    Map<String, String> all = new LinkedHashMap<>();
    List<String> names = declared.stream().map(Parameter::name).toList();
    for (String key : given.keySet()) {
      if (!names.contains(key)) {
        throw new FieldException(
            key,
            UserInputException.quote(key),
            names.isEmpty() ? "no parameters" : "one of " + names,
            "remove it or use one of the listed parameters");
      }
    }
    for (Parameter p : declared) {
      String v = given.getOrDefault(p.name(), p.defaultValue());
      if (v == null) {
        throw new FieldException(
            p.name(), "nothing", "a value: " + p.description(), "give " + p.name());
      }
      all.put(p.name(), v);
    }
    return new ParameterValues(all);
  }

  public String text(String name) {
    return require(name);
  }

  /** A whole number within [min, max]. */
  public int integer(String name, int min, int max) {
    String v = require(name);
    double d = NumberText.isNumber(v) ? NumberText.parse(v) : Double.NaN;
    if (!(d == Math.rint(d) && d >= min && d <= max)) {
      throw new FieldException(
          name, UserInputException.quote(v), "a whole number within [" + min + ", " + max + "]");
    }
    return (int) d;
  }

  /** A finite number above {@code exclusiveMin}. */
  public double above(String name, double exclusiveMin) {
    String v = require(name);
    double d = NumberText.isNumber(v) ? NumberText.parse(v) : Double.NaN;
    if (!(d > exclusiveMin && d < Double.POSITIVE_INFINITY)) {
      throw new FieldException(
          name, UserInputException.quote(v), "a finite number above " + exclusiveMin);
    }
    return d;
  }

  /** A finite number at least {@code min}. */
  public double atLeast(String name, double min) {
    String v = require(name);
    double d = NumberText.isNumber(v) ? NumberText.parse(v) : Double.NaN;
    if (!(d >= min && d < Double.POSITIVE_INFINITY)) {
      throw new FieldException(name, UserInputException.quote(v), "a finite number >= " + min);
    }
    return d;
  }

  /** A finite number within [min, max]. */
  public double within(String name, double min, double max) {
    String v = require(name);
    double d = NumberText.isNumber(v) ? NumberText.parse(v) : Double.NaN;
    if (!(d >= min && d <= max)) {
      throw new FieldException(
          name, UserInputException.quote(v), "a number within [" + min + ", " + max + "]");
    }
    return d;
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String name) {
    String v = require(name).trim();
    if (!v.equals("true") && !v.equals("false")) {
      throw new FieldException(name, UserInputException.quote(v), "true or false");
    }
    return v.equals("true");
  }

  private String require(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("parameter not declared: " + name);
    }
    return v;
  }
}
