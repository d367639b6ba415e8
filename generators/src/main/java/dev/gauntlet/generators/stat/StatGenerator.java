package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Schema;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.internal.FreshIds;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.internal.JsonErrors;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code independent} and {@code gaussian-copula} generators: column models, joined by a
 * correlation matrix on normal scores or not, and constraints (see {@link Constraint}). Its state
 * is {@link State} as JSON. Generated tables have the sample's schema, roles included; id columns
 * are not modelled but drawn fresh ({@link FreshIds}).
 */
public final class StatGenerator implements Generator {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Drawing more than this many rows per row kept means the constraints are infeasible. */
  static final int MAX_DRAWS_PER_ROW = 1000;

  private final String name;
  private final Schema schema;
  private final Schema dataSchema;
  private final List<FreshIds.IdModel> ids;
  private final Engine engine;
  private final double[][] correlation;
  private final Transform transform;
  private final AtomicLong drawn = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  StatGenerator(String name, Schema schema, List<ColumnModel> columns, double[][] correlation) {
    this(name, schema, List.of(), schemaOf(columns), columns, correlation, List.of(), null);
  }

  private StatGenerator(
      String name,
      Schema schema,
      List<FreshIds.IdModel> ids,
      Schema modelSchema,
      List<ColumnModel> columns,
      double[][] correlation,
      List<Constraint> rules,
      NumericTables[] tables) {
    this.name = name;
    this.schema = schema;
    this.dataSchema = FreshIds.dataSchema(schema);
    this.ids = List.copyOf(ids);
    this.correlation = correlation;
    this.transform = new Transform(rules);
    this.engine =
        new Engine(
            modelSchema, columns, correlation, tables == null ? Engine.tablesOf(columns) : tables);
  }

  /**
   * What a fitted generator saves.
   *
   * @param schema the generated columns: name, type, role
   * @param columns the modelled columns (after constraint transformations), in order
   * @param correlation the copula's correlation matrix over the modelled columns, or null when
   *     independent
   * @param constraints the constraints, as text
   * @param ids the id columns of the schema: for a numeric one, the sample's largest id, which
   *     generated ids exceed; absent when there are none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(
      List<OutputColumn> schema,
      List<ColumnModel> columns,
      double[][] correlation,
      List<String> constraints,
      List<IdState> ids) {}

  /**
   * An id column in a saved state.
   *
   * @param name the column
   * @param above for a numeric id, the largest id of the sample; absent for a categorical one
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IdState(String name, Double above) {}

  /**
   * A generated column's name, type, role and, for a datetime column, its date format ({@link
   * dev.gauntlet.data.DateTimeFormat#pattern()}).
   */
  public record OutputColumn(
      String name,
      String type,
      String role,
      @com.fasterxml.jackson.annotation.JsonProperty("date_format")
          @com.fasterxml.jackson.annotation.JsonInclude(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          String dateFormat) {}

  /** The columns of models: numeric or categorical features. */
  static Schema schemaOf(List<ColumnModel> columns) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (ColumnModel m : columns) {
      specs.add(
          m instanceof ColumnModel.Numeric
              ? ColumnSpec.numeric(m.name())
              : ColumnSpec.categorical(m.name()));
    }
    return Schema.of(specs);
  }

  /**
   * Fits column models (and, for the copula, the correlation of normal scores) to a sample, under
   * constraints given as text (null or blank for none).
   */
  static StatGenerator fit(
      String name, Table sample, boolean copula, Seed seed, String constraints) {
    Schema schema = sample.schema();
    List<FreshIds.IdModel> ids = FreshIds.fit(sample);
    // ids are not modelled: a model of them would repeat sample ids
    sample = sample.select(FreshIds.dataSchema(schema).names());
    List<Constraint> rules = Constraint.parse(constraints, sample.schema());
    Transform transform = new Transform(rules);
    Table kept = sample;
    if (!rules.isEmpty()) {
      boolean[] ok = Constraint.check(rules, sample);
      kept = sample.filter(r -> ok[r]);
      if (kept.rowCount() == 0 && sample.rowCount() > 0) {
        throw new UserInputException(
            "constraints " + rules,
            "no row of the sample keeps them all",
            "constraints that the data meets, at least on some rows",
            "check the directions of < and the range bounds against the data");
      }
    }
    Table modelled = transform.toModel(kept);
    List<ColumnModel> columns = new ArrayList<>(Fitting.columns(modelled));
    for (int c = 0; c < columns.size(); c++) {
      columns.set(c, constrained(columns.get(c), rules, transform, kept));
    }
    NumericTables[] tables = Engine.tablesOf(columns);
    double[][] r =
        copula ? Fitting.correlation(modelled, columns, tables, seed.derive("copula")) : null;
    return new StatGenerator(name, schema, ids, modelled.schema(), columns, r, rules, tables);
  }

  /** A column's model with range and positivity kept by truncation, differences rounded. */
  private static ColumnModel constrained(
      ColumnModel model, List<Constraint> rules, Transform transform, Table kept) {
    if (!(model instanceof ColumnModel.Numeric n)) {
      return model;
    }
    if (transform.isDifference(n.name())) {
      // a + d is rounded to the decimals of a and b, not those of d's float noise
      Integer decimals = Fitting.decimals(present(kept.numeric(n.name()).values()));
      for (Constraint c : rules) {
        if (c instanceof Constraint.Inequality i && i.upper().equals(n.name())) {
          Integer da = Fitting.decimals(present(kept.numeric(i.lower()).values()));
          decimals = decimals == null || da == null ? null : Math.max(decimals, da);
        }
      }
      return n.withDecimals(decimals);
    }
    for (Constraint c : rules) {
      if (c instanceof Constraint.Range range && range.column().equals(n.name())) {
        double lower = range.lower();
        if (range.positive()) {
          lower = n.decimals() == null ? Double.MIN_VALUE : Math.pow(10, -n.decimals());
        }
        double lo = Math.max(lower, n.min() == null ? lower : n.min());
        double hi = Math.min(range.upper(), n.max() == null ? range.upper() : n.max());
        try {
          n =
              new ColumnModel.Numeric(
                  n.name(),
                  new Distribution.Truncated(n.distribution(), lower, range.upper()),
                  lo,
                  hi,
                  n.decimals(),
                  n.missingRate(),
                  n.ks());
        } catch (IllegalArgumentException e) {
          throw new UserInputException(
              "constraint " + range,
              "nothing left to generate: no probability within ["
                  + lower
                  + ", "
                  + range.upper()
                  + "]",
              "a range that overlaps the values of " + n.name(),
              "widen the range; the fitted values lie in [" + n.min() + ", " + n.max() + "]");
        }
      }
    }
    return n;
  }

  private static double[] present(double[] v) {
    return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }

  /**
   * The generator a state describes, every part checked: a problem is a {@link FieldException} at
   * its path in the state.
   */
  static StatGenerator restore(String name, JsonNode state, boolean copula) {
    JsonAt root = JsonAt.root(state).object("an object {\"schema\": ..., \"columns\": ...}");
    Schema schema = GeneratorFiles.schema(root.get("schema"));
    JsonAt columns = root.get("columns");
    List<JsonAt> items = columns.list("a list of column models [{\"kind\": ...}, ...]");
    if (items.isEmpty()) {
      throw columns.bad("a list of at least one column model");
    }
    for (JsonAt c : items) {
      c.object("a column model {\"kind\": ...}");
    }
    State s;
    try {
      s = JSON.treeToValue(state, State.class);
    } catch (JsonMappingException e) {
      throw JsonErrors.field(e, state);
    } catch (JsonProcessingException e) {
      throw root.bad("a state that cannot be read", "the state of a " + name + " generator");
    }
    List<Object> names = new ArrayList<>();
    for (int c = 0; c < s.columns().size(); c++) {
      String n = s.columns().get(c).name();
      if (names.contains(n)) {
        throw columns
            .get(c)
            .get("name")
            .bad(
                UserInputException.quote(n) + " a second time", "a name no other column model has");
      }
      names.add(n);
    }
    // a copula always saves its matrix and independent columns never have one
    JsonAt matrix = root.get("correlation");
    if (copula && s.correlation() == null) {
      throw matrix.bad("the copula's correlation matrix");
    }
    if (!copula && !matrix.isMissing()) {
      throw matrix.bad("a correlation matrix", "none: the columns of " + name + " are independent");
    }
    Schema modelled = schemaOf(s.columns());
    List<FreshIds.IdModel> ids = restoreIds(schema, s.ids(), root.get("ids"));
    Schema data = FreshIds.dataSchema(schema);
    List<Constraint> rules;
    Transform transform;
    try {
      rules =
          Constraint.parse(
              s.constraints() == null ? null : String.join(";", s.constraints()), data);
      transform = new Transform(rules);
    } catch (UserInputException e) {
      throw root.get("constraints").bad(e.where() + ": " + e.found(), e.expected());
    }
    Schema expected = transform.modelSchema(data);
    if (!typed(expected).equals(typed(modelled))) {
      throw columns.bad(
          "models of " + typed(modelled),
          "models of " + typed(expected) + ", as the schema and the constraints say");
    }
    try {
      return new StatGenerator(
          name, schema, ids, modelled, s.columns(), s.correlation(), rules, null);
    } catch (FieldException e) {
      throw JsonErrors.missing(e, state);
    }
  }

  /** The saved ids, which must be the schema's id columns, in order, numeric ones with a bound. */
  private static List<FreshIds.IdModel> restoreIds(Schema schema, List<IdState> saved, JsonAt at) {
    List<String> names = schema.names(ColumnRole.ID);
    List<IdState> list = saved == null ? List.of() : saved;
    List<String> savedNames = list.stream().map(IdState::name).toList();
    if (!savedNames.equals(names)) {
      throw at.bad(
          savedNames.isEmpty() ? "no ids" : "ids " + savedNames,
          "the schema's id columns " + names + ", in that order");
    }
    List<FreshIds.IdModel> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      IdState id = list.get(i);
      boolean numeric = schema.spec(id.name()).type() == ColumnType.NUMERIC;
      if (numeric && (id.above() == null || !Double.isFinite(id.above()))) {
        throw at.get(i).get("above").bad("the largest id of the sample, a finite number");
      }
      out.add(new FreshIds.IdModel(id.name(), numeric ? id.above() : null));
    }
    return out;
  }

  /** Names and how each is modelled: a datetime column is modelled as a numeric one. */
  private static List<String> typed(Schema schema) {
    return schema.columns().stream()
        .map(c -> c.name() + " (" + (c.type().isNumeric() ? "numeric" : "categorical") + ")")
        .toList();
  }

  /** The modelled columns (after constraint transformations). */
  public List<ColumnModel> columns() {
    return engine.models();
  }

  /** The copula's correlation matrix, or null when the columns are independent. */
  public double[][] correlation() {
    return correlation == null ? null : correlation.clone();
  }

  public List<Constraint> constraints() {
    return transform.rules();
  }

  /** Rows drawn and rows rejected for breaking a constraint, since this generator was made. */
  public long[] rejection() {
    return new long[] {drawn.get(), rejected.get()};
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Table sample(int rows, Seed stream) {
    Table t = draw(rows, stream);
    if (transform.rules().isEmpty()) {
      return t;
    }
    boolean[] ok = Constraint.check(transform.rules(), t);
    int kept = count(ok);
    long total = rows;
    if (kept == rows) {
      drawn.addAndGet(total);
      return t;
    }
    List<Table> parts = new ArrayList<>();
    parts.add(t.filter(r -> ok[r]));
    for (int attempt = 0; kept < rows; attempt++) {
      int want = rows - kept;
      int size = Math.max(64, 2 * want);
      if (total > (long) MAX_DRAWS_PER_ROW * rows + 10_000) {
        throw new UserInputException(
            "constraints " + transform.rules(),
            "rejection keeps " + kept + " of " + total + " rows drawn",
            "constraints that generated rows can meet",
            "loosen the constraints; fitted ranges and differences are in the saved model");
      }
      Table more = draw(size, stream.derive("retry", attempt));
      total += size;
      boolean[] okMore = Constraint.check(transform.rules(), more);
      int[] take = new int[Math.min(want, count(okMore))];
      for (int r = 0, n = 0; n < take.length; r++) {
        if (okMore[r]) {
          take[n++] = r;
        }
      }
      parts.add(more.take(take));
      kept += take.length;
    }
    drawn.addAndGet(total);
    rejected.addAndGet(total - rows);
    return Table.concat(parts);
  }

  private Table draw(int rows, Seed stream) {
    Table modelled = engine.sample(rows, stream);
    Table data =
        transform.rules().isEmpty()
            ? Table.of(dataSchema, modelled.columns())
            : transform.toOutput(modelled, dataSchema, engine.models());
    return FreshIds.insert(data, schema, ids, stream);
  }

  private static int count(boolean[] ok) {
    int n = 0;
    for (boolean b : ok) {
      n += b ? 1 : 0;
    }
    return n;
  }

  @Override
  public JsonNode state() {
    List<OutputColumn> out = new ArrayList<>();
    for (ColumnSpec c : schema.columns()) {
      out.add(
          new OutputColumn(
              c.name(),
              c.type().id(),
              c.role().id(),
              c.dateFormat() == null ? null : c.dateFormat().pattern()));
    }
    List<String> rules = transform.rules().stream().map(Object::toString).toList();
    List<IdState> idStates = ids.stream().map(i -> new IdState(i.name(), i.above())).toList();
    return JSON.valueToTree(
        new State(
            out,
            columns(),
            correlation,
            rules.isEmpty() ? null : rules,
            idStates.isEmpty() ? null : idStates));
  }
}
