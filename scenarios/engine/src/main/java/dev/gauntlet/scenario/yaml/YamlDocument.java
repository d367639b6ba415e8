package dev.gauntlet.scenario.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.FieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML file read safely into a JSON tree, with the position of every value and key in it, so that
 * a problem found later (by the schema, by binding, by the engine) can name the line and column a
 * user has to edit. Paths are lists of keys (String) and list indexes (Integer), outermost first,
 * as in {@link FieldException#path()}.
 */
public final class YamlDocument {
  private final String file;
  private final String text;
  private final JsonNode tree;
  private final Map<List<Object>, Integer> valueOffsets;
  private final Map<List<Object>, Integer> keyOffsets;
  private final int[] lineStarts;

  /**
   * @param file the file as the user named it
   * @param text the file's text
   * @param tree the document
   * @param valueOffsets offset in {@code text} (UTF-16 units, as {@link String#charAt}) where each
   *     value starts, by path
   * @param keyOffsets character offset where the key of each mapping entry starts, by path
   */
  public YamlDocument(
      String file,
      String text,
      JsonNode tree,
      Map<List<Object>, Integer> valueOffsets,
      Map<List<Object>, Integer> keyOffsets) {
    this.file = Objects.requireNonNull(file, "file");
    this.text = Objects.requireNonNull(text, "text");
    this.tree = Objects.requireNonNull(tree, "tree");
    this.valueOffsets = Map.copyOf(valueOffsets);
    this.keyOffsets = Map.copyOf(keyOffsets);
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The file as the user named it. */
  public String file() {
    return file;
  }

  /** The document as a JSON tree (aliases expanded). */
  public JsonNode tree() {
    return tree;
  }

  /**
   * Where the value at {@code path} starts; for a path that has no position of its own (a value
   * copied in by an alias, a key that is missing) the position of its nearest enclosing value.
   */
  public SourcePosition positionOf(List<?> path) {
    return positionAt(nearest(valueOffsets, path));
  }

  /**
   * Where the key of the mapping entry at {@code path} starts (the place to point at for an unknown
   * or misspelt key); falls back as {@link #positionOf}.
   */
  public SourcePosition keyPositionOf(List<?> path) {
    Integer offset = keyOffsets.get(List.copyOf(path));
    return offset != null ? positionAt(offset) : positionOf(path);
  }

  /**
   * The position of character {@code index} of the text value at {@code path}, for a parser of the
   * value's own grammar (an expectation) to point inside it. Exact where the value is written on
   * one line as it reads (plain, or quoted without escapes); otherwise the value's start.
   */
  public SourcePosition positionInside(List<?> path, int index) {
    List<Object> key = List.copyOf(path);
    Integer start = valueOffsets.get(key);
    JsonNode node = at(key);
    if (start == null || node == null || !node.isTextual()) {
      return positionOf(path);
    }
    String value = node.textValue();
    int contentStart = start;
    if (contentStart < text.length()
        && (text.charAt(contentStart) == '"' || text.charAt(contentStart) == '\'')) {
      contentStart++;
    }
    boolean verbatim =
        contentStart + value.length() <= text.length()
            && text.startsWith(value, contentStart)
            && value.indexOf('\n') < 0
            && value.indexOf('\r') < 0;
    if (!verbatim || index < 0 || index > value.length()) {
      return positionAt(start);
    }
    return positionAt(contentStart + index);
  }

  /** The value at a path, or null. */
  public JsonNode at(List<?> path) {
    JsonNode node = tree;
    for (Object step : path) {
      if (node == null) {
        return null;
      }
      node = step instanceof Integer i ? node.get(i) : node.get(String.valueOf(step));
    }
    return node;
  }

  /**
   * {@code file:line:col (path)}, the head of a user error about the value at {@code path}; the
   * path part is left out for the document itself.
   */
  public String where(List<?> path) {
    return where(positionOf(path), path);
  }

  /** As {@link #where(List)} at a given position. */
  public static String where(SourcePosition position, List<?> path) {
    return path.isEmpty() ? position.toString() : position + " (" + FieldException.text(path) + ")";
  }

  private int nearest(Map<List<Object>, Integer> offsets, List<?> path) {
    List<Object> p = new ArrayList<>(path);
    while (true) {
      Integer offset = offsets.get(p);
      if (offset != null) {
        return offset;
      }
      if (p.isEmpty()) {
        return 0;
      }
      p.remove(p.size() - 1);
    }
  }

  /** The position of a character offset in the file's text (UTF-16 units). */
  public SourcePosition positionAt(int offset) {
    int clamped = Math.max(0, Math.min(offset, text.length()));
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (lineStarts[mid] <= clamped) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    // columns count characters as a user sees them (code points), not UTF-16 units
    return new SourcePosition(file, lo + 1, text.codePointCount(lineStarts[lo], clamped) + 1);
  }
}
