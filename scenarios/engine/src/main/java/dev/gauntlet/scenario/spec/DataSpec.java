package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.FieldException;
import java.util.List;
import java.util.Map;

/**
 * Where the rows come from: exactly one of a CSV file, a simulated world, or synthetic rows. Paths
 * resolve against the scenario file's folder.
 *
 * <pre>
 * data: ../data/credit_g.csv          # short form: a CSV whose last column is the label
 * data:
 *   csv: ../data/credit_g.csv
 *   label: class                      # default: the last column
 *   id: [customer_id]                 # id columns: kept, never features (a name or a list)
 *   types: {installment_rate: categorical}
 * data: {csv: ../data/telco_churn.csv, rows: 300}   # a seeded sample of 300 rows, by label
 * data:
 *   world: ../worlds/loans.json       # or the world spec inline, as an object
 *   rows: 4000                        # default 2000
 * data:
 *   synthetic: {generator: gaussian-copula, fit: ../data/credit_g.csv}
 *   rows: 1000
 *   label: class
 * </pre>
 *
 * @param csv a CSV file, or null
 * @param world a world spec file (text) or the spec itself (an object), or null
 * @param synthetic rows from a generator, or null
 * @param label the label column; null: the last column of a CSV, the world's label rule's column
 * @param id id columns (kept in the tables, never read by models); a single name is a list of one
 * @param types column types forced on a CSV ({@code numeric} or {@code categorical}), by column
 * @param rows rows to make from a world or a generator (default 2000); for a CSV, a seeded sample
 *     of that many of its rows, stratified by the label (default: every row)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DataSpec(
    String csv,
    JsonNode world,
    SyntheticSpec synthetic,
    String label,
    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> id,
    Map<String, String> types,
    Integer rows) {
  /** Rows made from a world or a generator when {@code rows} is not given. */
  public static final int DEFAULT_ROWS = 2000;

  public DataSpec {
    int sources = (csv != null ? 1 : 0) + (world != null ? 1 : 0) + (synthetic != null ? 1 : 0);
    if (sources != 1) {
      throw new FieldException(
          List.of(),
          sources == 0 ? "no data source" : sources + " data sources",
          "exactly one of csv, world, synthetic",
          "keep one of the keys csv, world, synthetic under data");
    }
    Checks.nonBlank(csv, "csv");
    Checks.nonBlank(label, "label");
    if (world != null && !world.isTextual() && !world.isObject()) {
      throw new FieldException(
          "world", world.getNodeType().name().toLowerCase(), "a file name or a world spec object");
    }
    id = Checks.list(id, "id");
    types = Checks.map(types, "types");
    for (Map.Entry<String, String> e : types.entrySet()) {
      if (!e.getValue().equals("numeric") && !e.getValue().equals("categorical")) {
        throw new FieldException(
            List.of("types", e.getKey()),
            "\"" + e.getValue() + "\"",
            "numeric or categorical",
            "write numeric or categorical");
      }
    }
    if (rows != null && rows < 1) {
      throw new FieldException("rows", rows.toString(), "a whole number >= 1");
    }
  }

  /** The short form {@code data: FILE.csv}. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static DataSpec fromText(String csv) {
    return csv(csv, null);
  }

  /** Rows of a CSV file; {@code label} null means the last column. */
  public static DataSpec csv(String file, String label) {
    return new DataSpec(file, null, null, label, null, null, null);
  }

  /** Rows drawn from the world spec in a file. */
  public static DataSpec worldFile(String file, int rows) {
    return new DataSpec(
        null,
        com.fasterxml.jackson.databind.node.TextNode.valueOf(file),
        null,
        null,
        null,
        null,
        rows);
  }

  /** Rows drawn from a world spec written as JSON (the format of a world file). */
  public static DataSpec world(JsonNode spec, int rows) {
    return new DataSpec(null, spec, null, null, null, null, rows);
  }

  /** Synthetic rows from a generator. */
  public static DataSpec synthetic(SyntheticSpec source, String label, int rows) {
    return new DataSpec(null, null, source, label, null, null, rows);
  }

  public DataSpec withLabel(String newLabel) {
    return new DataSpec(csv, world, synthetic, newLabel, id, types, rows);
  }

  public DataSpec withId(String... columns) {
    return new DataSpec(csv, world, synthetic, label, List.of(columns), types, rows);
  }

  /** A forced column type: {@code numeric} or {@code categorical}. */
  public DataSpec withType(String column, String type) {
    Map<String, String> all = new java.util.LinkedHashMap<>(types);
    all.put(column, type);
    return new DataSpec(csv, world, synthetic, label, id, all, rows);
  }

  /** The same data with {@code rows} rows: made (a world, a generator) or sampled (a CSV). */
  public DataSpec withRows(int newRows) {
    return new DataSpec(csv, world, synthetic, label, id, types, newRows);
  }

  /** Rows to make from a world or a generator, {@link #DEFAULT_ROWS} unless given. */
  public int rowsOrDefault() {
    return rows == null ? DEFAULT_ROWS : rows;
  }
}
