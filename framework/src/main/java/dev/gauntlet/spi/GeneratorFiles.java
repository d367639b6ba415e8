package dev.gauntlet.spi;

import static dev.gauntlet.UserInputException.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.ColumnType;
import dev.gauntlet.data.Schema;
import dev.gauntlet.internal.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GeneratorFiles() {}

  /** The envelope of a generator as a JSON tree. */
  public static ObjectNode envelope(Generator generator) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("generator", generator.name());
    ArrayNode schema = root.putArray("schema");
    for (ColumnSpec c : generator.schema().columns()) {
      schema
          .addObject()
          .put("name", c.name())
          .put("type", c.type().id())
          .put("role", c.role().id());
    }
    root.set("state", generator.state());
    return root;
  }

  /**
   * Writes a generator's envelope to {@code file} atomically.
   *
   * @throws UserInputException when the file cannot be written
   */
  public static void save(Generator generator, Path file) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(envelope(generator));
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
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          file.toString(),
          "no such file",
          "a model file written by --save-model",
          "check the path, or fit a model first with --fit DATA.csv --save-model FILE");
    } catch (JsonProcessingException e) {
      throw new UserInputException(
          file.toString() + ":" + e.getLocation().getLineNr(),
          "text that is not JSON: " + e.getOriginalMessage(),
          "a model file written by --save-model",
          "give the model file, not the data or a scenario",
          e);
    } catch (IOException e) {
      throw new UserInputException(
          file.toString(),
          "cannot read: " + e.getMessage(),
          "a readable model file",
          "check the path and the file's permissions",
          e);
    }
    return fromEnvelope(root, file.toString(), registry);
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
    Generator g;
    try {
      g = provider.restore(root.path("state"));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          source + " (state)",
          "a state the " + provider.name() + " generator cannot read: " + e.getMessage(),
          "the state the generator saved",
          "refit the model; the file was edited, is damaged, or comes from another version",
          e);
    }
    if (!g.schema().equals(schema)) {
      throw new UserInputException(
          source + " (schema)",
          "a schema " + schema.names() + " that differs from its state's " + g.schema().names(),
          "the schema the generator was saved with",
          "refit the model; the file was edited or is damaged");
    }
    return g;
  }

  private static Schema schema(JsonNode node, String source) {
    List<ColumnSpec> specs = new ArrayList<>();
    try {
      for (JsonNode c : node) {
        specs.add(
            new ColumnSpec(
                c.path("name").asText(),
                ColumnType.valueOf(c.path("type").asText().toUpperCase(Locale.ROOT)),
                ColumnRole.valueOf(c.path("role").asText().toUpperCase(Locale.ROOT))));
      }
      return Schema.of(specs);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          source + " (schema)",
          String.valueOf(e.getMessage()),
          "columns with a name, a type (numeric, categorical) and a role",
          "refit the model; the file was edited or is damaged",
          e);
    }
  }
}
