package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code independent} and {@code gaussian-copula} generators: column models, joined by a
 * correlation matrix on normal scores or not. Its state is {@link State} as JSON.
 */
public final class StatGenerator implements Generator {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final Engine engine;
  private final double[][] correlation;

  StatGenerator(String name, Schema schema, List<ColumnModel> columns, double[][] correlation) {
    this(name, schema, columns, correlation, Engine.tablesOf(columns));
  }

  private StatGenerator(
      String name,
      Schema schema,
      List<ColumnModel> columns,
      double[][] correlation,
      NumericTables[] tables) {
    this.name = name;
    this.correlation = correlation;
    this.engine = new Engine(schema, columns, correlation, tables);
  }

  /**
   * What a fitted generator saves.
   *
   * @param columns the column models, in schema order
   * @param roles the role of each column that is not a feature
   * @param correlation the copula's correlation matrix over the columns, or null when independent
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(
      List<ColumnModel> columns, Map<String, String> roles, double[][] correlation) {}

  static Schema schemaOf(List<ColumnModel> columns, Map<String, String> roles) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (ColumnModel m : columns) {
      ColumnType type =
          m instanceof ColumnModel.Numeric ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
      String role = roles == null ? null : roles.get(m.name());
      specs.add(
          new ColumnSpec(
              m.name(),
              type,
              role == null
                  ? ColumnRole.FEATURE
                  : ColumnRole.valueOf(role.toUpperCase(Locale.ROOT))));
    }
    return Schema.of(specs);
  }

  /** Fits column models (and, for the copula, the correlation of normal scores) to a sample. */
  static StatGenerator fit(String name, Table sample, boolean copula, Seed seed) {
    List<ColumnModel> columns = Fitting.columns(sample);
    NumericTables[] tables = Engine.tablesOf(columns);
    double[][] r =
        copula ? Fitting.correlation(sample, columns, tables, seed.derive("copula")) : null;
    return new StatGenerator(name, sample.schema(), columns, r, tables);
  }

  static StatGenerator restore(String name, JsonNode state) {
    try {
      State s = JSON.treeToValue(state, State.class);
      return new StatGenerator(
          name, schemaOf(s.columns(), s.roles()), s.columns(), s.correlation());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not the state of a " + name + " generator", e);
    }
  }

  public List<ColumnModel> columns() {
    return engine.models();
  }

  /** The copula's correlation matrix, or null when the columns are independent. */
  public double[][] correlation() {
    return correlation == null ? null : correlation.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema schema() {
    return engine.schema();
  }

  @Override
  public Table sample(int rows, Seed stream) {
    return engine.sample(rows, stream);
  }

  @Override
  public JsonNode state() {
    Map<String, String> roles = new LinkedHashMap<>();
    for (ColumnSpec c : schema().columns()) {
      if (c.role() != ColumnRole.FEATURE) {
        roles.put(c.name(), c.role().id());
      }
    }
    return JSON.valueToTree(new State(columns(), roles, correlation));
  }
}
