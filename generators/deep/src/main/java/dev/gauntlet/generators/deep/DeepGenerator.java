package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
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
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A trained VAE or GAN: the data transform, the weights and the options that shaped them. Sampling
 * builds the network anew from the Java-side weights in a manager of its own, so calls are
 * independent (safe from many threads) and a restored generator samples exactly the rows the fitted
 * one does.
 *
 * <p>Id columns (role {@code id}) are not modelled, as in the statistical generators: the networks
 * see the other columns, and every generated row gets fresh ids ({@link FreshIds}), so no sample id
 * is copied out and an id's levels do not widen the network.
 *
 * <p>{@link #state()} is {@code {"model": "vae"|"gan", "options": {...}, "transform": [...],
 * "weights": {name: {"shape": [...], "data": base64 of little-endian float32}}, "conditions":
 * [...], "schema": [...], "ids": [{"name": ..., "above": ...}]}} (conditions: the GAN's level
 * frequencies per categorical column; schema: every generated column, ids included; a state without
 * schema and ids, as written before ids were left out, has none).
 */
final class DeepGenerator implements Generator, ConditionalSampler {
  /** Rows drawn per network pass. */
  private static final int CHUNK = 5_000;

  /** Rejection rounds for conditional sampling before the remaining rows are set directly. */
  private static final int MAX_ROUNDS = 50;

  private final String model;
  private final DataTransform transform;
  private final Params params;
  private final TrainingOptions options;
  private final Gan.Conditions conditions;

  /** Every generated column, ids included; the transform's schema is this without the ids. */
  private final Schema schema;

  private final List<FreshIds.IdModel> ids;

  DeepGenerator(
      String model,
      DataTransform transform,
      Params params,
      TrainingOptions options,
      Gan.Conditions conditions) {
    this(model, transform, params, options, conditions, transform.schema(), List.of());
  }

  private DeepGenerator(
      String model,
      DataTransform transform,
      Params params,
      TrainingOptions options,
      Gan.Conditions conditions,
      Schema schema,
      List<FreshIds.IdModel> ids) {
    this.model = model;
    this.transform = transform;
    this.params = params;
    this.options = options;
    this.conditions = conditions;
    this.schema = schema;
    this.ids = List.copyOf(ids);
  }

  /** This generator making the rows of {@code schema}, with fresh ids for its id columns. */
  DeepGenerator withIds(Schema schema, List<FreshIds.IdModel> ids) {
    return new DeepGenerator(model, transform, params, options, conditions, schema, ids);
  }

  @Override
  public String name() {
    return model;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  Params params() {
    return params;
  }

  @Override
  public Table sample(int rows, Seed stream) {
    return FreshIds.insert(draw(rows, stream.rng(), -1, -1), schema, ids, stream);
  }

  @Override
  public Conditioned sampleWhere(
      int rows, Seed stream, String column, String level, boolean strict) {
    int full = schema.require(column);
    if (schema.get(full).role() == ColumnRole.ID) {
      throw new UserInputException(
          "condition column " + UserInputException.quote(column),
          "an id column (ids are drawn fresh for every row, not modelled)",
          "a categorical column that is not an id",
          "condition on another column, or mark it as not an id (--not-id " + column + ")");
    }
    int col = transform.schema().require(column);
    if (transform.schema().get(col).type() != ColumnType.CATEGORICAL) {
      throw new UserInputException(
          "condition column " + UserInputException.quote(column),
          "a numeric column",
          "a categorical column",
          "condition on a categorical column");
    }
    List<String> levels = transform.columns().get(col).levels();
    int code = levels.indexOf(level);
    if (code < 0) {
      throw new UserInputException(
          "condition " + column + " = " + UserInputException.quote(level),
          "no such level",
          "one of " + levels,
          "use one of the listed levels (they are case-sensitive)");
    }
    UniformRandomProvider rng = stream.rng();
    List<Table> parts = new ArrayList<>();
    int have = 0;
    for (int round = 0; round < MAX_ROUNDS && have < rows; round++) {
      int want = Math.max(100, (rows - have) * 2);
      Table t = draw(want, rng, col, code);
      CategoricalColumn c = t.categorical(column);
      int[] keep = new int[t.rowCount()];
      int n = 0;
      for (int r = 0; r < t.rowCount() && have + n < rows; r++) {
        if (c.code(r) == code) {
          keep[n++] = r;
        }
      }
      if (n > 0) {
        parts.add(t.take(java.util.Arrays.copyOf(keep, n)));
        have += n;
      }
    }
    int levelSet = rows - have;
    if (levelSet > 0 && strict) {
      throw new UserInputException(
          "condition " + column + " = " + UserInputException.quote(level),
          "the model made "
              + have
              + " of the "
              + rows
              + " rows asked for with this level in "
              + MAX_ROUNDS
              + " rounds of drawing",
          "a model that makes the level often enough to draw only such rows",
          "train longer or on more rows of the level, or accept rows drawn freely with the level"
              + " set (leave out --where-strict)");
    }
    if (levelSet > 0) {
      // the model rarely makes this level: take its other columns and set the level
      Table t = draw(rows - have, rng, col, code);
      int[] codes = new int[t.rowCount()];
      java.util.Arrays.fill(codes, code);
      parts.add(t.withColumn(transform.schema().get(col), CategoricalColumn.of(codes, levels)));
    }
    Table drawn = parts.isEmpty() ? draw(0, rng, -1, -1) : Table.concat(parts);
    return new Conditioned(FreshIds.insert(drawn, schema, ids, stream), Math.max(0, levelSet));
  }

  /** Rows from the model; for the GAN, conditioned on (column, code) when column >= 0. */
  private Table draw(int rows, UniformRandomProvider rng, int column, int code) {
    List<Table> chunks = new ArrayList<>();
    for (int done = 0; done < rows || chunks.isEmpty(); ) {
      int n = Math.min(CHUNK, rows - done);
      float[] encoded =
          model.equals(VaeProvider.NAME)
              ? Vae.sample(params, transform, options, n, rng)
              : Gan.sample(params, transform, conditions, options, n, rng, column, code);
      chunks.add(transform.decode(encoded, n));
      done += n;
      if (n == 0) {
        break;
      }
    }
    return chunks.size() == 1 ? chunks.get(0) : Table.concat(chunks);
  }

  @Override
  public JsonNode state() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("model", model);
    o.set("options", options.toJson());
    o.set("transform", transform.toJson());
    if (conditions != null) {
      o.set("conditions", conditions.toJson());
    }
    o.set("weights", params.toJson());
    ArrayNode columns = o.putArray("schema");
    for (ColumnSpec c : schema.columns()) {
      ObjectNode spec = columns.addObject();
      spec.put("name", c.name());
      spec.put("type", c.type().id());
      spec.put("role", c.role().id());
      if (c.dateFormat() != null) {
        spec.put("date_format", c.dateFormat().pattern());
      }
    }
    ArrayNode idList = o.putArray("ids");
    for (FreshIds.IdModel id : ids) {
      ObjectNode i = idList.addObject();
      i.put("name", id.name());
      if (id.above() != null) {
        i.put("above", id.above());
      }
    }
    return o;
  }

  /**
   * The generator a state describes, every part checked against the others (the weights must be
   * those of a network of the saved options and transform): a problem is a {@link FieldException}
   * at its path in the state.
   */
  static DeepGenerator restore(String model, JsonNode state) {
    JsonAt root = JsonAt.root(state).object("an object {\"model\": ..., \"weights\": ...}");
    JsonAt name = root.get("model");
    if (!name.node().isTextual() || !model.equals(name.node().textValue())) {
      throw name.bad(
          (name.isMissing() ? "no \"model\" key" : JsonErrors.describe(name.node()))
              + ": the state does not match generator "
              + UserInputException.quote(model),
          UserInputException.quote(model) + ", the generator the file names");
    }
    TrainingOptions options = TrainingOptions.fromJson(root.get("options"));
    DataTransform t = DataTransform.fromJson(root.get("transform"));
    boolean vae = model.equals(VaeProvider.NAME);
    Gan.Conditions conditions = vae ? null : Gan.Conditions.fromJson(root.get("conditions"), t);
    JsonAt weights = root.get("weights");
    Params params = Params.fromJson(weights);
    // the names and shapes of a fresh network, nothing allocated
    Params shape =
        vae
            ? Vae.init(Params.shapesOnly(), t.width(), options, null)
            : Gan.init(Params.shapesOnly(), t.width(), conditions.width(), options, null);
    params.checkLike(shape, weights);
    DeepGenerator g = new DeepGenerator(model, t, params, options, conditions);
    if (root.get("schema").isMissing() && root.get("ids").isMissing()) {
      return g; // written before ids were left out of the model
    }
    return restoreIds(g, t, root.get("schema"), root.get("ids"));
  }

  /**
   * {@code g} with the saved schema and ids: the schema without its id columns must be the
   * transform's, and the ids must be the schema's id columns, in order, numeric ones with a bound.
   */
  private static DeepGenerator restoreIds(
      DeepGenerator g, DataTransform t, JsonAt schemaAt, JsonAt idsAt) {
    List<ColumnSpec> specs = new ArrayList<>();
    for (JsonAt c : schemaAt.list("a list of columns [{\"name\": ..., \"type\": ..., ...}]")) {
      specs.add(GeneratorFiles.column(c));
    }
    Schema schema = Schema.of(specs);
    List<String> modelled =
        FreshIds.dataSchema(schema).columns().stream().map(ColumnSpec::name).toList();
    List<String> transformed = t.schema().columns().stream().map(ColumnSpec::name).toList();
    if (!modelled.equals(transformed)) {
      throw schemaAt.bad(
          "columns other than ids " + modelled,
          "the transform's columns " + transformed + ", in that order");
    }
    List<String> idNames = schema.names(ColumnRole.ID);
    List<JsonAt> items = idsAt.list("a list of id columns [{\"name\": ..., \"above\": ...}]");
    List<String> savedNames = new ArrayList<>();
    for (JsonAt i : items) {
      savedNames.add(i.get("name").asText());
    }
    if (!savedNames.equals(idNames)) {
      throw idsAt.bad(
          savedNames.isEmpty() ? "no ids" : "ids " + savedNames,
          "the schema's id columns " + idNames + ", in that order");
    }
    List<FreshIds.IdModel> ids = new ArrayList<>();
    for (int k = 0; k < items.size(); k++) {
      String name = savedNames.get(k);
      Double above = null;
      if (schema.spec(name).type() == ColumnType.NUMERIC) {
        JsonAt a = items.get(k).get("above");
        if (a.isMissing() || !a.node().isNumber() || !Double.isFinite(a.node().doubleValue())) {
          throw a.bad("the largest id of the sample, a finite number");
        }
        above = a.node().doubleValue();
      }
      ids.add(new FreshIds.IdModel(name, above));
    }
    return g.withIds(schema, ids);
  }
}
