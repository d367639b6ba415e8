package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The ordered column specs of a table. Names are unique. */
public final class Schema {
  private final List<ColumnSpec> columns;
  private final Map<String, Integer> index;

  private Schema(List<ColumnSpec> columns) {
    this.columns = List.copyOf(columns);
    this.index = new HashMap<>();
    for (int i = 0; i < this.columns.size(); i++) {
      String name = this.columns.get(i).name();
      if (index.put(name, i) != null) {
        throw new IllegalArgumentException("duplicate column name: \"" + name + "\"");
      }
    }
  }

  public static Schema of(List<ColumnSpec> columns) {
    return new Schema(Objects.requireNonNull(columns, "columns"));
  }

  public static Schema of(ColumnSpec... columns) {
    return new Schema(List.of(columns));
  }

  public List<ColumnSpec> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  public ColumnSpec get(int i) {
    return columns.get(i);
  }

  public List<String> names() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public boolean contains(String name) {
    return index.containsKey(name);
  }

  /** The position of a column, or -1 when there is none of that name. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }

  /** The position of a column; an unknown name is a user error that lists the known names. */
  public int require(String name) {
    int i = indexOf(name);
    if (i < 0) {
      throw unknownColumn(name);
    }
    return i;
  }

  public ColumnSpec spec(String name) {
    return columns.get(require(name));
  }

  /** The names of the columns with a role, in schema order. */
  public List<String> names(ColumnRole role) {
    return columns.stream().filter(c -> c.role() == role).map(ColumnSpec::name).toList();
  }

  /** This schema with one column's role changed. */
  public Schema withRole(String name, ColumnRole role) {
    int i = require(name);
    List<ColumnSpec> copy = new ArrayList<>(columns);
    copy.set(i, columns.get(i).withRole(role));
    return new Schema(copy);
  }

  /**
   * The error for a name that is not a column, at {@code where} (such as an option): lists the
   * names, or says that one matches but for spaces around it.
   */
  public UserInputException unknownColumn(String where, String name) {
    return unknownColumn(where, name, names(), "no column of that name");
  }

  UserInputException unknownColumn(String name) {
    return unknownColumn(
        "column " + UserInputException.quote(name), name, names(), "no column of that name");
  }

  /**
   * The error for a column name that is not among {@code names}. When a name matches but for spaces
   * around it, the error says so (the names are then listed quoted, to show the spaces).
   */
  static UserInputException unknownColumn(
      String where, String name, List<String> names, String notFound) {
    for (String n : names) {
      if (!n.equals(n.strip()) && n.strip().equals(name.strip())) {
        return new UserInputException(
            where,
            "no column of that name; the header has "
                + UserInputException.quote(n)
                + ", with spaces around the name",
            "one of " + names.stream().map(UserInputException::quote).toList(),
            "remove the leading/trailing spaces from the header's names, or give the name"
                + " with its spaces");
      }
    }
    return new UserInputException(
        where, notFound, "one of " + names, Suggestions.columnFix(name, names));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s && s.columns.equals(columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return columns.toString();
  }
}
