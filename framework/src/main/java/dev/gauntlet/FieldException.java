package dev.gauntlet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A bad value at a place inside a JSON document (a saved model's state, a world spec): what was
 * found and what was expected there. The code that checks a value knows only the path below itself
 * ({@code alpha}), so callers above prefix theirs ({@link #under}), and whoever read the file turns
 * it into a {@link UserInputException} naming the file. An {@link IllegalArgumentException}, so
 * Java callers building the same records see the usual exception.
 */
public final class FieldException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  private final transient List<Object> path; // String keys and Integer indexes, outermost first
  private final String found;
  private final String expected;
  private final String fix;

  /**
   * @param path keys (String) and list indexes (Integer), outermost first; empty for the document
   * @param found what was there
   * @param expected what would have been accepted
   * @param fix how to resolve it, or null to leave that to the reader of the file
   */
  public FieldException(List<?> path, String found, String expected, String fix) {
    this(path, found, expected, fix, null);
  }

  private FieldException(List<?> path, String found, String expected, String fix, Throwable cause) {
    super(
        (path.isEmpty() ? "" : text(path) + ": ") + "found " + found + ", expected " + expected,
        cause);
    this.path = List.copyOf(path);
    this.found = found;
    this.expected = expected;
    this.fix = fix;
  }

  /** A bad value under one key of the object being checked. */
  public FieldException(String key, String found, String expected) {
    this(List.of(key), found, expected, null);
  }

  /** As {@link #FieldException(String, String, String)}, with a fix. */
  public FieldException(String key, String found, String expected, String fix) {
    this(List.of(key), found, expected, fix);
  }

  /** The same problem seen from further out: {@code outer} (keys and indexes) comes first. */
  public FieldException under(Object... outer) {
    List<Object> p = new ArrayList<>(List.of(outer));
    p.addAll(path);
    FieldException e = new FieldException(p, found, expected, fix, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The same problem with another description of what was found. */
  public FieldException withFound(String newFound) {
    FieldException e = new FieldException(path, newFound, expected, fix, getCause());
    e.setStackTrace(getStackTrace());
    return e;
  }

  public List<Object> path() {
    return path;
  }

  /** The path as text, e.g. {@code columns[3].distribution.alpha} or {@code weights."a=b"}. */
  public String pathText() {
    return text(path);
  }

  public String found() {
    return found;
  }

  public String expected() {
    return expected;
  }

  /** How to fix it, or null when the reader of the file should say. */
  public String fix() {
    return fix;
  }

  /** A path as text: keys joined by dots, indexes in brackets, unusual keys quoted. */
  public static String text(List<?> path) {
    StringBuilder b = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        b.append('[').append(i).append(']');
      } else {
        String key = String.valueOf(step);
        if (b.length() > 0) {
          b.append('.');
        }
        b.append(PLAIN_KEY.matcher(key).matches() ? key : UserInputException.quote(key));
      }
    }
    return b.toString();
  }
}
