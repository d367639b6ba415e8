package dev.gauntlet.internal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's failures as words for users: where in a file, what was found, what was expected. Its
 * own messages name Java types and carry a "[Source: ...]" excerpt, neither of which helps.
 */
public final class JsonErrors {
  private static final Pattern START_MARKER =
      Pattern.compile("\\s*\\(start marker at \\[Source:[^\\]]*line: (\\d+), column: (\\d+)\\]\\)");
  private static final Pattern SOURCE = Pattern.compile("\\s*(at )?\\[Source:[^\\]]*\\]");

  private JsonErrors() {}

  /** {@code file:line:column} of a syntax error, or the file alone when Jackson has no place. */
  public static String where(String file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? file
        : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
  }

  /**
   * A syntax error of {@code text} in one line, without Jackson's source excerpt, for "found"; an
   * error at the very end says the text stops early.
   */
  public static String syntax(JsonProcessingException e, String text) {
    JsonLocation at = e.getLocation();
    String m = syntax(e);
    if (!m.startsWith("text that ends")
        && at != null
        && at.getCharOffset() >= text.stripTrailing().length() - 1) {
      return "text that ends in the middle of the JSON (" + m.substring(m.indexOf('(') + 1);
    }
    return m;
  }

  /** A syntax error in one line, without Jackson's source excerpt, for "found". */
  public static String syntax(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    Matcher start = START_MARKER.matcher(m);
    m = start.replaceAll(" (opened at line $1, column $2)");
    m = SOURCE.matcher(m).replaceAll("");
    m = m.lines().findFirst().orElse("").trim();
    if (m.startsWith("Unexpected end-of-input")) {
      return "text that ends in the middle of the JSON (" + m + ")";
    }
    return "text that is not JSON (" + m + ")";
  }

  /**
   * A failure to map {@code root} (the tree being read) onto records, as a {@link FieldException}
   * at the path Jackson was at. Checks that records make (their {@code FieldException}s) keep what
   * they say, under that path; a value the record found 0 or null because its key was absent is
   * reported as missing.
   */
  public static FieldException field(JsonMappingException e, JsonNode root) {
    List<Object> path = path(e);
    FieldException out;
    if (e instanceof ValueInstantiationException && e.getCause() instanceof FieldException f) {
      out = f.under(path.toArray());
    } else if (e instanceof ValueInstantiationException) {
      // a check that did not say where: its message may be Java's, so it stays out
      out =
          new FieldException(
              path, "values that cannot be used together", "the values the format describes", null);
    } else if (e instanceof UnrecognizedPropertyException u) {
      TreeSet<String> known = new TreeSet<>();
      Collection<Object> ids = u.getKnownPropertyIds();
      if (ids != null) {
        ids.forEach(k -> known.add(String.valueOf(k)));
      }
      out =
          new FieldException(
              path,
              "an unknown key " + UserInputException.quote(u.getPropertyName()),
              known.isEmpty() ? "no other keys" : "one of the keys " + known,
              "remove the key or correct its spelling (keys are case-sensitive)");
    } else if (e instanceof InvalidTypeIdException t) {
      Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
      JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
      JsonSubTypes subs = base == null ? null : base.getAnnotation(JsonSubTypes.class);
      String key = info == null ? "type" : info.property();
      List<String> names = new ArrayList<>();
      if (subs != null) {
        for (JsonSubTypes.Type s : subs.value()) {
          names.add(s.name());
        }
      }
      List<Object> at = new ArrayList<>(path);
      at.add(key);
      JsonNode node = at(root, path);
      out =
          root != null && !node.isObject() && !node.isMissingNode()
              ? new FieldException(path, describe(node), "an object {\"" + key + "\": ...}", null)
              : new FieldException(
                  at,
                  t.getTypeId() == null ? "nothing (no \"" + key + "\" key)" : quote(t.getTypeId()),
                  names.isEmpty() ? "a known " + key : "one of " + String.join(", ", names),
                  "use one of the listed names (they are case-sensitive)");
    } else if (e instanceof MismatchedInputException m) {
      out = new FieldException(path, describe(at(root, path)), kind(m.getTargetType()), null);
    } else {
      out =
          new FieldException(
              path, describe(at(root, path)), "a value of the kind the format describes", null);
    }
    return missing(out, root);
  }

  /**
   * {@code e} saying "nothing" when its path leads nowhere in {@code root}, and what is there when
   * a check that saw no value (null) said "nothing".
   */
  public static FieldException missing(FieldException e, JsonNode root) {
    if (root == null || e.path().isEmpty()) {
      return e;
    }
    JsonNode node = at(root, e.path());
    if (node.isMissingNode() || e.found().equals("nothing")) {
      return e.withFound(describe(node));
    }
    return e;
  }

  private static List<Object> path(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.add(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.add(r.getIndex());
      }
    }
    return path;
  }

  /** The node at {@code path} (keys and indexes), or a missing node. */
  public static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode n = root == null ? MissingNode.getInstance() : root;
    for (Object step : path) {
      n = step instanceof Integer i ? n.path(i) : n.path(String.valueOf(step));
    }
    return n;
  }

  /** What a node is, for "found": its value, or its kind when it is a list or an object. */
  public static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing (the key is missing)";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return quote(n.asText());
    }
    if (n.isNumber() || n.isBoolean()) {
      return n.asText();
    }
    if (n.isArray()) {
      return n.isEmpty() ? "an empty list []" : "a list of " + n.size() + " values";
    }
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      return n.isEmpty() ? "an empty object {}" : "an object with keys " + keys;
    }
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A Java type as the JSON a user writes for it. */
  public static String kind(Class<?> type) {
    if (type == null) {
      return "a value of the kind the format describes";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text in quotes";
    }
    if (type == double[].class || type == float[].class) {
      return "a list of numbers";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list [...]";
    }
    return Map.class.isAssignableFrom(type) || !type.isPrimitive()
        ? "an object {...}"
        : "a value of the kind the format describes";
  }

  private static String quote(String s) {
    return UserInputException.quote(s.length() > 60 ? s.substring(0, 57) + "..." : s);
  }
}
