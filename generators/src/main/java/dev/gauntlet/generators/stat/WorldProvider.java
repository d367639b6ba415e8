package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.JsonErrors;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code world}: a simulated world described by a {@link WorldSpec} in a JSON file (parameter
 * {@code spec}); the sample it is "fitted" to is ignored.
 */
public final class WorldProvider implements GeneratorProvider {

  @Override
  public String name() {
    return WorldGenerator.NAME;
  }

  @Override
  public String description() {
    return "a simulated world from a JSON spec: column distributions, correlations, a label rule";
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(new Parameter("spec", null, "the world spec, a JSON file"));
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed) {
    String file = params.get("spec");
    if (file == null) {
      throw new UserInputException(
          "generator \"world\"",
          "no spec",
          "a world spec file (parameter spec)",
          "give --world FILE.json");
    }
    WorldSpec spec = read(Path.of(file));
    try {
      return WorldGenerator.of(spec, seed);
    } catch (FieldException e) {
      throw error(file, e, null);
    }
  }

  private static final String EXPECTED =
      "a world spec: {\"columns\": [...], \"correlations\": [...], \"label\": {...}}";

  /** Reads a world spec; a problem is a user error with the file and the path inside it. */
  public static WorldSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          file.toString(), "no such file", "a world spec (JSON)", "check the path");
    } catch (IOException e) {
      throw new UserInputException(
          file.toString(), "cannot read: " + e.getMessage(), "a readable file", "check the path");
    }
    JsonNode root;
    try {
      root = StatGenerator.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UserInputException(
          JsonErrors.where(file.toString(), e),
          JsonErrors.syntax(e, text),
          EXPECTED,
          "correct the JSON there (a missing comma, quote or bracket?)",
          e);
    }
    if (root != null && GeneratorFiles.FORMAT.equals(root.path("format").asText(null))) {
      throw new UserInputException(
          file.toString(),
          "a saved model of generator " + UserInputException.quote(root.path("generator").asText()),
          EXPECTED,
          "to generate from a saved model, give it with --model " + file + " instead of --world");
    }
    if (root == null || !root.isObject()) {
      throw new UserInputException(
          file.toString(),
          JsonErrors.describe(root),
          EXPECTED,
          "see README.md (Simulated worlds) for an example");
    }
    try {
      return StatGenerator.JSON.readValue(text, WorldSpec.class);
    } catch (JsonMappingException e) {
      // where Jackson stopped, unless that is only the end of an object a check refused
      JsonLocation at = e instanceof ValueInstantiationException ? null : e.getLocation();
      throw error(file.toString(), JsonErrors.field(e, root), at);
    } catch (FieldException e) {
      throw error(file.toString(), JsonErrors.missing(e, root), null);
    } catch (JsonProcessingException e) {
      throw new UserInputException(
          JsonErrors.where(file.toString(), e),
          JsonErrors.syntax(e),
          EXPECTED,
          "correct the JSON",
          e);
    }
  }

  private static UserInputException error(String file, FieldException e, JsonLocation at) {
    String where = file;
    if (at != null && at.getLineNr() > 0) {
      where += ":" + at.getLineNr() + ":" + at.getColumnNr();
    }
    if (!e.path().isEmpty()) {
      where += " at " + e.pathText();
    }
    String fix = e.fix();
    if (fix == null) {
      fix =
          e.found().startsWith("nothing")
              ? "add " + e.pathText() + ": " + e.expected()
              : "change " + e.pathText() + " to " + e.expected();
    }
    return new UserInputException(where, e.found(), e.expected(), fix, e);
  }

  @Override
  public Generator restore(JsonNode state) {
    return WorldGenerator.restore(state);
  }
}
