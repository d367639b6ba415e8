package dev.gauntlet.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to read a CSV file: types forced on some columns (the rest are inferred), roles given to some
 * columns (the rest are features) and the field delimiter (detected when not given).
 *
 * @param types forced column types, by column name
 * @param roles column roles, by column name
 * @param delimiter the field delimiter, or null to detect one of {@code , ; tab |}
 */
public record CsvOptions(
    Map<String, ColumnType> types, Map<String, ColumnRole> roles, Character delimiter) {
  public CsvOptions {
    types = Map.copyOf(types);
    roles = Map.copyOf(roles);
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException("a quote or line break cannot be the delimiter");
    }
  }

  /** Options with a detected delimiter. */
  public CsvOptions(Map<String, ColumnType> types, Map<String, ColumnRole> roles) {
    this(types, roles, null);
  }

  public static CsvOptions defaults() {
    return new CsvOptions(Map.of(), Map.of(), null);
  }

  public CsvOptions withType(String column, ColumnType type) {
    Map<String, ColumnType> copy = new LinkedHashMap<>(types);
    copy.put(column, type);
    return new CsvOptions(copy, roles, delimiter);
  }

  public CsvOptions withRole(String column, ColumnRole role) {
    Map<String, ColumnRole> copy = new LinkedHashMap<>(roles);
    copy.put(column, role);
    return new CsvOptions(types, copy, delimiter);
  }

  /** Marks the label column. */
  public CsvOptions withLabel(String column) {
    return withRole(column, ColumnRole.LABEL);
  }

  /** These options with a given delimiter (null: detect it). */
  public CsvOptions withDelimiter(Character newDelimiter) {
    return new CsvOptions(types, roles, newDelimiter);
  }
}
