package dev.gauntlet.spi;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.DateTimeFormat;
import dev.gauntlet.data.Schema;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.internal.JsonErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one file format of every fitted generator, statistical or deep: a JSON envelope
 *
 * <pre>
 * {"format": "gauntlet-generator", "version": 1, "generator": "gaussian-copula",
 *  "schema": [{"name": "age", "type": "numeric", "role": "feature"}, ...],
 *  "state": { ...whatever {@link Generator#state()} returned... }}
 * </pre>
 *
 * The envelope is the same for all generators; {@code state} belongs to the generator, which
 * rebuilds itself from it through {@link GeneratorProvider#restore}. Files are written to a
 * temporary file in the target's folder and moved into place, so a failure leaves no half-written
 * model.
 */
public final class GeneratorFiles {
  public static final String FORMAT = "gauntlet-generator";
  public static final int VERSION = 1;

  /** The fix of a model file that cannot be read back as it was saved. */
  static final String RESAVE = resave("the file was edited or damaged");

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GeneratorFiles() {}

  /** The envelope of a generator as a JSON tree. */
  public static ObjectNode envelope(Generator generator) {
    return envelope(generator, null);
  }

  /**
   * The envelope with {@code fitted}, how the generator was made (data, rows, parameters, seed), as
   * its {@code fitted} member when not null: loading ignores it, people and audits read it.
   */
  public static ObjectNode envelope(Generator generator, JsonNode fitted) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("generator", generator.name());
    if (fitted != null) {
      root.set("fitted", fitted);
    }
    ArrayNode schema = root.putArray("schema");
    for (ColumnSpec c : generator.schema().columns()) {
      var column =
          schema
              .addObject()
              .put("name", c.name())
              .put("type", c.type().id())
              .put("role", c.role().id());
      if (c.dateFormat() != null) {
        column.put("date_format", c.dateFormat().pattern());
      }
    }
    root.set("state", generator.state());
    return root;
  }

  private static String resave(String why) {
    return "refit the model and re-save it with --save-model (" + why + ")";
  }

  /**
   * Writes a generator's envelope to {@code file} atomically.
   *
   * @throws UserInputException when the file cannot be written
   */
  public static void save(Generator generator, Path file) {
    save(generator, file, null);
  }

  /** As {@link #save(Generator, Path)}, recording {@code fitted} (see {@link #envelope}). */
  public static void save(Generator generator, Path file, JsonNode fitted) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(envelope(generator, fitted));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the " + generator.name() + " model", e);
    }
    try (AtomicFile out = AtomicFile.open(file)) {
      try {
        Files.write(out.temp(), bytes);
      } catch (IOException e) {
        throw AtomicFile.cannotWrite(file, e);
      }
      out.commit();
    }
  }

  /** Reads a generator file with the generators on the class path. */
  public static Generator load(Path file) {
    return load(file, Registry.generators());
  }

  /** Reads a generator file, finding its generator in {@code registry}. */
  public static Generator load(Path file, Registry<GeneratorProvider> registry) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          file.toString(),
          "no such file",
          "a model file written by --save-model",
          "check the path, or fit a model first with --fit DATA.csv --save-model FILE");
    } catch (IOException e) {
      throw new UserInputException(
          file.toString(),
          "cannot read: " + e.getMessage(),
          "a readable model file",
          "check the path and the file's permissions",
          e);
    }
    return read(text, file.toString(), registry);
  }

  /**
   * Reads a generator from a model file's text (as {@link #load} does), for callers that ship the
   * file's bytes rather than its path (the Spark module broadcasts them to its executors); {@code
   * source} names it in error messages.
   */
  public static Generator read(String text, String source, Registry<GeneratorProvider> registry) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      // a model file is one JSON object naming its format; anything else is another file
      boolean model = text.stripLeading().startsWith("{") && text.contains(FORMAT);
      throw new UserInputException(
          JsonErrors.where(source, e),
          JsonErrors.syntax(e, text),
          "a model file written by --save-model",
          model
              ? resave("the file is damaged or truncated")
              : "give the model file, not the data or a scenario",
          e);
    }
    return fromEnvelope(root, source, registry);
  }

  /** Rebuilds a generator from an envelope; {@code source} names it in error messages. */
  public static Generator fromEnvelope(
      JsonNode root, String source, Registry<GeneratorProvider> registry) {
    if (root == null || !FORMAT.equals(root.path("format").asText(null))) {
      throw new UserInputException(
          source + " (format)",
          root != null && root.has("format") ? quote(root.get("format").asText()) : "no format",
          quote(FORMAT),
          "give a model file written by gauntlet generate --save-model");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION) {
      throw new UserInputException(
          source + " (version)",
          Integer.toString(version),
          "version " + VERSION,
          version > VERSION
              ? "use the Gauntlet version that wrote the file, or a newer one"
              : "refit the model with this version of Gauntlet");
    }
    Schema schema = schema(root.path("schema"), source);
    GeneratorProvider provider = registry.get(root.path("generator").asText());
    JsonNode state = root.path("state");
    if (!state.isObject()) {
      throw new UserInputException(
          source + " (state)",
          JsonErrors.describe(state),
          "an object {...} with the state the " + provider.name() + " generator saved",
          RESAVE);
    }
    Generator g;
    try {
      g = provider.restore(state);
    } catch (FieldException e) {
      throw stateError(source, provider, state, registry, JsonErrors.missing(e, state), e);
    } catch (UserInputException e) {
      throw new UserInputException(
          source + " (state): " + e.where(), e.found(), e.expected(), RESAVE, e);
    } catch (RuntimeException e) {
      // a check a generator lacks must not surface as an internal error
      throw new UserInputException(
          source + " (state)",
          "a state the " + provider.name() + " generator cannot use",
          "the state as --save-model wrote it",
          RESAVE,
          e);
    }
    if (!g.schema().equals(schema)) {
      throw new UserInputException(
          source + " (schema)",
          "a schema " + schema.names() + " that differs from its state's " + g.schema().names(),
          "the schema the generator was saved with",
          RESAVE);
    }
    return g;
  }

  /**
   * A state its generator refused: when another generator can read it, "generator" was changed;
   * otherwise the field at fault.
   */
  private static UserInputException stateError(
      String source,
      GeneratorProvider provider,
      JsonNode state,
      Registry<GeneratorProvider> registry,
      FieldException e,
      Throwable cause) {
    for (GeneratorProvider other : registry.all()) {
      if (other != provider && readable(other, state)) {
        return new UserInputException(
            source + " (generator)",
            "generator "
                + quote(provider.name())
                + ", which the state does not match: it is the state of generator "
                + quote(other.name()),
            "the name of the generator that saved the state, " + quote(other.name()),
            "set \"generator\" back to " + quote(other.name()) + ", or " + RESAVE,
            cause);
      }
    }
    return new UserInputException(
        source + " (state) at " + FieldException.text(prefixed("state", e)),
        e.found(),
        e.expected(),
        RESAVE,
        cause);
  }

  private static boolean readable(GeneratorProvider provider, JsonNode state) {
    try {
      provider.restore(state);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Schema schema(JsonNode node, String source) {
    try {
      return schema(JsonAt.root(node));
    } catch (FieldException e) {
      throw new UserInputException(
          source + " (schema) at " + FieldException.text(prefixed("schema", e)),
          e.found(),
          e.expected(),
          RESAVE,
          e);
    }
  }

  private static List<Object> prefixed(String key, FieldException e) {
    List<Object> path = new ArrayList<>();
    path.add(key);
    path.addAll(e.path());
    return path;
  }

  /**
   * Columns as saved in files, {@code [{"name": ..., "type": ..., "role": ...}, ...]}, checked: a
   * problem is a {@link FieldException} at its path.
   */
  public static Schema schema(JsonAt list) {
    List<ColumnSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (JsonAt c :
        list.list("a list of columns [{\"name\": ..., \"type\": ..., \"role\": ...}]")) {
      ColumnSpec spec = column(c);
      if (!names.add(spec.name())) {
        throw c.get("name")
            .bad(quote(spec.name()) + " a second time", "a name no other column has");
      }
      specs.add(spec);
    }
    return Schema.of(specs);
  }

  /** One column of {@link #schema(JsonAt)}. */
  public static ColumnSpec column(JsonAt c) {
    c.object("an object {\"name\": ..., \"type\": ..., \"role\": ...}");
    String name = c.get("name").asText();
    if (name.isBlank()) {
      throw c.get("name").bad("a column name that is not blank");
    }
    ColumnType type = choice(c.get("type"), ColumnType.values());
    DateTimeFormat format = null;
    if (type == ColumnType.DATETIME && !c.get("date_format").isMissing()) {
      JsonAt pattern = c.get("date_format");
      try {
        format = DateTimeFormat.ofPattern(pattern.asText());
      } catch (IllegalArgumentException e) {
        throw pattern.bad("a date format such as YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ");
      }
    }
    return new ColumnSpec(name, type, choice(c.get("role"), ColumnRole.values()), format);
  }

  private static <E extends Enum<E>> E choice(JsonAt at, E[] values) {
    List<String> ids = new ArrayList<>();
    for (E v : values) {
      String id = v.name().toLowerCase(Locale.ROOT);
      ids.add(id);
      if (at.node().isTextual() && at.node().textValue().equals(id)) {
        return v;
      }
    }
    throw at.bad("one of " + String.join(", ", ids));
  }
}
