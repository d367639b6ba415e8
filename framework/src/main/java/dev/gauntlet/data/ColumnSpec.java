package dev.gauntlet.data;

import java.util.Objects;

/**
 * A column's name, type and role.
 *
 * @param name the column name, as in the CSV header; not blank
 * @param type numeric or categorical
 * @param role feature, label, id or weight
 */
public record ColumnSpec(String name, ColumnType type, ColumnRole role) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(role, "role");
    if (name.isBlank()) {
      throw new IllegalArgumentException("column name is blank: \"" + name + "\"");
    }
  }

  public static ColumnSpec numeric(String name) {
    return new ColumnSpec(name, ColumnType.NUMERIC, ColumnRole.FEATURE);
  }

  public static ColumnSpec categorical(String name) {
    return new ColumnSpec(name, ColumnType.CATEGORICAL, ColumnRole.FEATURE);
  }

  public ColumnSpec withRole(ColumnRole newRole) {
    return new ColumnSpec(name, type, newRole);
  }

  public ColumnSpec withName(String newName) {
    return new ColumnSpec(newName, type, role);
  }
}
