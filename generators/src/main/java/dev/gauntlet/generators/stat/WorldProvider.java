package dev.gauntlet.generators.stat;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
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
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          file, String.valueOf(e.getMessage()), "a consistent world spec", "fix the spec", e);
    }
  }

  /** Reads a world spec; problems are user errors with the file, line and column. */
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
    try {
      return StatGenerator.JSON.readValue(text, WorldSpec.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      Throwable cause = e.getCause() instanceof IllegalArgumentException i ? i : e;
      String message = cause == e ? e.getOriginalMessage() : String.valueOf(cause.getMessage());
      throw new UserInputException(
          file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()),
          message.lines().findFirst().orElse(message),
          "a world spec: {\"columns\": [...], \"correlations\": [...], \"label\": {...}}",
          "see README.md (Simulated worlds) for every key; keys and family names are"
              + " case-sensitive",
          e);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(
          file.toString(),
          String.valueOf(e.getMessage()),
          "a consistent world spec",
          "fix the spec",
          e);
    }
  }

  @Override
  public Generator restore(JsonNode state) {
    return WorldGenerator.restore(state);
  }
}
