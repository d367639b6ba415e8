package dev.gauntlet.scenario.yaml.internal;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.Suggestions;
import dev.gauntlet.scenario.yaml.SourcePosition;
import dev.gauntlet.scenario.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a {@link YamlDocument} against a JSON Schema (networknt) and turns the first problem,
 * in the file's order, into a {@link UserInputException} at its line and column: what was found,
 * what the schema expects there, the closest known key for an unknown one, and a fix.
 */
public final class SchemaCheck {
  private final ObjectNode schemaTree;
  private final Schema schema;

  public SchemaCheck(ObjectNode schemaTree) {
    this.schemaTree = schemaTree;
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaTree);
  }

  /** Throws the first problem of the document, if it has one. */
  public void check(YamlDocument document) {
    List<Error> errors = relevant(schema.validate(document.tree()));
    if (errors.isEmpty()) {
      return;
    }
    List<Problem> problems = new ArrayList<>();
    for (Error e : errors) {
      problems.add(problem(e, document));
    }
    problems.sort(
        Comparator.comparingInt((Problem p) -> p.position.line())
            .thenComparingInt(p -> p.position.column())
            .thenComparingInt(p -> -p.path.size()));
    throw problems.get(0).error;
  }

  private record Problem(SourcePosition position, List<Object> path, UserInputException error) {}

  /**
   * Errors from the branches of an {@code anyOf} that do not fit the value's type say nothing
   * useful ("object found, string expected" for a mapping that has a typo inside): drop them, and
   * when no branch fits the type, keep one error that lists the types of every branch.
   */
  private static List<Error> relevant(List<Error> errors) {
    // evaluation path up to "anyOf" -> branches rejected because of the value's type
    Map<String, Set<Integer>> typeRejected = new HashMap<>();
    Map<String, Set<Integer>> branches = new HashMap<>();
    for (Error e : errors) {
      AnyOfStep step = anyOfStep(e);
      if (step == null) {
        continue;
      }
      branches.computeIfAbsent(step.prefix, k -> new HashSet<>()).add(step.branch);
      if (step.rest.equals("type")) {
        typeRejected.computeIfAbsent(step.prefix, k -> new HashSet<>()).add(step.branch);
      }
    }
    List<Error> kept = new ArrayList<>();
    Set<String> combined = new HashSet<>();
    for (Error e : errors) {
      AnyOfStep step = anyOfStep(e);
      if (step == null) {
        kept.add(e);
        continue;
      }
      Set<Integer> rejected = typeRejected.getOrDefault(step.prefix, Set.of());
      if (rejected.containsAll(branches.get(step.prefix))) {
        if (combined.add(step.prefix)) {
          kept.add(e); // stands for all branches; problem() lists their types
        }
      } else if (!rejected.contains(step.branch)) {
        kept.add(e);
      }
    }
    return kept;
  }

  private record AnyOfStep(String prefix, int branch, String rest) {}

  /** The outermost anyOf on an error's evaluation path. */
  private static AnyOfStep anyOfStep(Error e) {
    NodePath path = e.getEvaluationPath();
    for (int i = 0; i + 1 < path.getNameCount(); i++) {
      if ("anyOf".equals(path.getName(i)) && path.getElement(i + 1) instanceof Integer branch) {
        StringBuilder prefix = new StringBuilder();
        for (int j = 0; j <= i; j++) {
          prefix.append('/').append(path.getName(j));
        }
        prefix.append(" @").append(e.getInstanceLocation());
        StringBuilder rest = new StringBuilder();
        for (int j = i + 2; j < path.getNameCount(); j++) {
          rest.append(rest.length() == 0 ? "" : "/").append(path.getName(j));
        }
        return new AnyOfStep(prefix.toString(), branch, rest.toString());
      }
    }
    return null;
  }

  private Problem problem(Error e, YamlDocument document) {
    List<Object> path = new ArrayList<>();
    NodePath instance = e.getInstanceLocation();
    for (int i = 0; i < instance.getNameCount(); i++) {
      path.add(instance.getElement(i));
    }
    JsonNode found = e.getInstanceNode();
    String keyword = String.valueOf(e.getKeyword());
    switch (keyword) {
      case "additionalProperties" -> {
        String key = e.getProperty();
        List<Object> keyPath = new ArrayList<>(path);
        keyPath.add(key);
        List<String> known = knownKeys(e);
        Optional<String> close = Suggestions.closest(key, known);
        SourcePosition at = document.keyPositionOf(keyPath);
        return new Problem(
            at,
            keyPath,
            new UserInputException(
                YamlDocument.where(at, keyPath),
                "the key " + quote(key),
                known.isEmpty()
                    ? "no keys here"
                    : "one of the keys " + String.join(", ", known) + where(path),
                close.isPresent()
                    ? "did you mean " + close.get() + "? Rename the key"
                    : "remove the key, or move it where it belongs (gauntlet schema shows every"
                        + " key)"));
      }
      case "required" -> {
        String key = e.getProperty();
        SourcePosition at = document.positionOf(path);
        return new Problem(
            at,
            path,
            new UserInputException(
                YamlDocument.where(at, path),
                "no key " + quote(key),
                "a key " + key + where(path) + " (it has no default)",
                "add "
                    + key
                    + ": to "
                    + (path.isEmpty() ? "the file" : FieldException.text(path))));
      }
      case "enum", "const" -> {
        List<String> allowed = new ArrayList<>();
        e.getSchemaNode().forEach(v -> allowed.add(v.asText()));
        if (e.getSchemaNode().isValueNode()) {
          allowed.add(e.getSchemaNode().asText());
        }
        Optional<String> close =
            found != null && found.isTextual()
                ? Suggestions.closest(found.textValue(), allowed)
                : Optional.empty();
        SourcePosition at = document.positionOf(path);
        return new Problem(
            at,
            path,
            new UserInputException(
                YamlDocument.where(at, path),
                describe(found),
                "one of " + String.join(", ", allowed),
                close.isPresent()
                    ? "did you mean " + close.get() + "?"
                    : "write one of the listed values"));
      }
      case "type" -> {
        List<String> types = expectedTypes(e);
        SourcePosition at = document.positionOf(path);
        return new Problem(
            at,
            path,
            new UserInputException(
                YamlDocument.where(at, path),
                describe(found),
                typesText(types),
                typeFix(found, types)));
      }
      default -> {
        SourcePosition at = document.positionOf(path);
        return new Problem(
            at,
            path,
            new UserInputException(
                YamlDocument.where(at, path),
                describe(found),
                e.getMessage(),
                "correct the value (gauntlet schema shows what each key takes)"));
      }
    }
  }

  private static String where(List<Object> path) {
    return path.isEmpty() ? " at the top of the file" : " in " + FieldException.text(path);
  }

  /** The keys the schema names beside an {@code additionalProperties: false}. */
  private List<String> knownKeys(Error e) {
    NodePath fragment = e.getSchemaLocation().getFragment();
    JsonNode node = schemaTree;
    for (int i = 0; i + 1 < fragment.getNameCount(); i++) { // up to the additionalProperties
      Object step = fragment.getElement(i);
      node = step instanceof Integer index ? node.path(index) : node.path(String.valueOf(step));
    }
    List<String> keys = new ArrayList<>();
    node.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The types a value may have here: of its schema, or of every branch of an anyOf. */
  private List<String> expectedTypes(Error e) {
    AnyOfStep step = anyOfStep(e);
    Set<String> types = new LinkedHashSet<>();
    if (step != null) {
      NodePath fragment = e.getSchemaLocation().getFragment();
      JsonNode node = schemaTree;
      for (int i = 0; i < fragment.getNameCount(); i++) {
        Object s = fragment.getElement(i);
        if ("anyOf".equals(s)) {
          for (JsonNode branch : node.path("anyOf")) {
            addTypes(types, branch.path("type"));
          }
          return List.copyOf(types);
        }
        node = s instanceof Integer index ? node.path(index) : node.path(String.valueOf(s));
      }
    }
    addTypes(types, e.getSchemaNode());
    return List.copyOf(types);
  }

  private static void addTypes(Set<String> types, JsonNode type) {
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else if (type.isTextual()) {
      types.add(type.asText());
    }
  }

  private static String typesText(List<String> types) {
    List<String> words = new ArrayList<>();
    for (String t : types) {
      words.add(
          switch (t) {
            case "string" -> "text";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> types.size() == 1 ? "true or false" : "a boolean";
            case "array" -> "a list";
            case "object" -> "a mapping (key: value lines)";
            case "null" -> "nothing";
            default -> t;
          });
    }
    if (words.size() <= 1) {
      return words.isEmpty() ? "another value" : words.get(0);
    }
    return String.join(", ", words.subList(0, words.size() - 1))
        + " or "
        + words.get(words.size() - 1);
  }

  private static String typeFix(JsonNode found, List<String> types) {
    if (found != null && types.contains("string") && found.isValueNode() && !found.isNull()) {
      return "quote the value: \"" + found.asText() + "\"";
    }
    if (types.contains("array") && found != null && !found.isArray()) {
      return "write a list: [a, b] or one \"- \" line per entry";
    }
    if (found != null && found.isNull()) {
      return "write a value after the colon, or remove the key";
    }
    if (found != null && found.isContainerNode()) {
      return "write a single value here, not a "
          + (found.isArray() ? "list" : "mapping")
          + "; check the indentation";
    }
    return "write " + typesText(types) + " here";
  }

  /** What a user wrote, in their terms. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "nothing (null)";
    }
    if (node.isTextual()) {
      String text = node.textValue();
      return "the text " + quote(text.length() > 60 ? text.substring(0, 57) + "..." : text);
    }
    if (node.isBoolean()) {
      return node.asText() + " (a boolean)";
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isArray()) {
      return "a list of " + node.size() + (node.size() == 1 ? " entry" : " entries");
    }
    return "a mapping";
  }
}
