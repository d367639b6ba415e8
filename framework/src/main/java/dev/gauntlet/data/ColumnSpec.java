package dev.gauntlet.data;

import java.util.Objects;

/**
 * A column's name, type and role.
 *
 * @param name the column name, as in the CSV header; not blank
 * @param type numeric, categorical or datetime
 * @param role feature, label, id or weight
 * @param dateFormat how a datetime column's values are written; null for the other types
 */
public record ColumnSpec(String name, ColumnType type, ColumnRole role, DateTimeFormat dateFormat) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name is blank: \"" + name + "\"");
    }
    if (type == ColumnType.DATETIME && dateFormat == null) {
      dateFormat = DateTimeFormat.DATE_TIME;
    } else if (type != ColumnType.DATETIME) {
      dateFormat = null;
    }
  }

  /** A spec without a date format (a datetime column gets ISO date-times). */
  public ColumnSpec(String name, ColumnType type, ColumnRole role) {
    this(name, type, role, null);
  }

  public static ColumnSpec numeric(String name) {
    return new ColumnSpec(name, ColumnType.NUMERIC, ColumnRole.FEATURE);
  }

  public static ColumnSpec categorical(String name) {
    return new ColumnSpec(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE);
  }

  /** A datetime feature written in {@code format}. */
  public static ColumnSpec datetime(String name, DateTimeFormat format) {
    return new ColumnSpec(name, ColumnType.DATETIME, ColumnRole.FEATURE, format);
  }

  public ColumnSpec withRole(ColumnRole newRole) {
    return new ColumnSpec(name, type, newRole, dateFormat);
  }

  public ColumnSpec withName(String newName) {
    return new ColumnSpec(newName, type, role, dateFormat);
  }

  /** The text of a value of this column: a date for a datetime column, else the column's own. */
  public String format(Column column, int row) {
    if (dateFormat != null && column instanceof NumericColumn n) {
      return dateFormat.format(n.get(row));
    }
    return column.format(row);
  }
}
