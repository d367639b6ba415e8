package dev.gauntlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gauntlet.FieldException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a JSON tree with its path from the root, for reading hand-checked formats: every
 * accessor checks what it reads and throws a {@link FieldException} at this path when it is not
 * what was expected (a missing key included).
 */
public final class JsonAt {
  private final JsonNode node;
  private final List<Object> path;

  private JsonAt(JsonNode node, List<Object> path) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.path = path;
  }

  /** The root of a document (its path is empty). */
  public static JsonAt root(JsonNode node) {
    return new JsonAt(node, List.of());
  }

  /** The value under {@code key} (possibly missing). */
  public JsonAt get(String key) {
    return new JsonAt(node.path(key), append(key));
  }

  /** The value at {@code index} of a list (possibly missing). */
  public JsonAt get(int index) {
    return new JsonAt(node.path(index), append(index));
  }

  private List<Object> append(Object step) {
    List<Object> p = new ArrayList<>(path);
    p.add(step);
    return List.copyOf(p);
  }

  public JsonNode node() {
    return node;
  }

  public List<Object> path() {
    return path;
  }

  public boolean isMissing() {
    return node.isMissingNode();
  }

  /** A problem with this value: it is not {@code expected}. */
  public FieldException bad(String expected) {
    return new FieldException(path, JsonErrors.describe(node), expected, null);
  }

  /** A problem with this value, described as found. */
  public FieldException bad(String found, String expected) {
    return new FieldException(path, found, expected, null);
  }

  /** This value, which must be an object. */
  public JsonAt object(String expected) {
    if (!node.isObject()) {
      throw bad(expected);
    }
    return this;
  }

  /** The items of this value, which must be a list. */
  public List<JsonAt> list(String expected) {
    if (!node.isArray()) {
      throw bad(expected);
    }
    List<JsonAt> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(get(i));
    }
    return out;
  }

  /** The keys and values of this value, which must be an object, in order. */
  public Map<String, JsonAt> fields(String expected) {
    object(expected);
    Map<String, JsonAt> out = new LinkedHashMap<>();
    node.fieldNames().forEachRemaining(k -> out.put(k, get(k)));
    return out;
  }

  /** A whole number within [min, max]. */
  public int asInt(int min, int max) {
    if (node.canConvertToInt() && node.isIntegralNumber()) {
      int v = node.intValue();
      if (v >= min && v <= max) {
        return v;
      }
    }
    throw bad(
        max == Integer.MAX_VALUE
            ? "a whole number >= " + min
            : "a whole number from " + min + " to " + max);
  }

  /** A finite number. */
  public double asDouble() {
    if (node.isNumber() && Double.isFinite(node.doubleValue())) {
      return node.doubleValue();
    }
    throw bad("a finite number");
  }

  /** A number above 0. */
  public double asPositive() {
    if (node.isNumber() && node.doubleValue() > 0 && Double.isFinite(node.doubleValue())) {
      return node.doubleValue();
    }
    throw bad("a number above 0");
  }

  /** A number at or above 0. */
  public double asNonNegative() {
    if (node.isNumber() && node.doubleValue() >= 0 && Double.isFinite(node.doubleValue())) {
      return node.doubleValue();
    }
    throw bad("a number >= 0");
  }

  /** Text. */
  public String asText() {
    if (node.isTextual()) {
      return node.textValue();
    }
    throw bad("text in quotes");
  }

  /** True or false. */
  public boolean asBoolean() {
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    throw bad("true or false");
  }

  /** A list of finite numbers. */
  public double[] asDoubles() {
    List<JsonAt> items = list("a list of numbers");
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = items.get(i).asDouble();
    }
    return out;
  }
}
