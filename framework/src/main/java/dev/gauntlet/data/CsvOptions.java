package dev.gauntlet.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a CSV file: types forced on some columns (the rest are inferred) and roles given to
 * some columns (the rest are features).
 *
 * @param types forced column types, by column name
 * @param roles column roles, by column name
 */
public record CsvOptions(Map<String, ColumnType> types, Map<String, ColumnRole> roles) {
  public CsvOptions {
    types = Map.copyOf(types);
    roles = Map.copyOf(roles);
  }

  public static CsvOptions defaults() {
    return new CsvOptions(Map.of(), Map.of());
  }

  public CsvOptions withType(String column, ColumnType type) {
    Map<String, ColumnType> copy = new LinkedHashMap<>(types);
    copy.put(column, type);
    return new CsvOptions(copy, roles);
  }

  public CsvOptions withRole(String column, ColumnRole role) {
    Map<String, ColumnRole> copy = new LinkedHashMap<>(roles);
    copy.put(column, role);
    return new CsvOptions(types, copy);
  }

  /** Marks the label column. */
  public CsvOptions withLabel(String column) {
    return withRole(column, ColumnRole.LABEL);
  }
}
