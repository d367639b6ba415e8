package dev.gauntlet.scenario.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario file into a {@link ScenarioSpec}. A scenario without a name is named after its
 * file (without extension). Paths inside it resolve against the file's folder: pass {@code
 * file.getParent()} to the runner.
 */
public final class ScenarioFiles {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ScenarioFiles() {}

  /** The spec in a YAML file; any problem with the file is a {@link UserInputException}. */
  public static ScenarioSpec load(Path file) {
    String source = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    if (Files.isDirectory(file)) {
      throw new UserInputException(
          source, "a folder", "a scenario file (YAML)", "name a .yaml file inside the folder");
    }
    if (!Files.isRegularFile(file)) {
      throw new UserInputException(
          source, "no such file", "a scenario file (YAML)", "check the path");
    }
    ScenarioSpec spec;
    try {
      spec = YAML.readValue(file.toFile(), ScenarioSpec.class);
    } catch (JsonProcessingException e) {
      throw userError(source, e);
    } catch (IOException e) {
      throw new UserInputException(
          source, "unreadable: " + e.getMessage(), "a readable file", "check the file", e);
    }
    if (spec == null) {
      throw new UserInputException(
          source, "an empty file", "a scenario (at least a data section)", "add data:");
    }
    if (spec.name() == null) {
      String stem = source.replaceFirst("\\.[^.]*$", "");
      spec = spec.withName(stem.isBlank() ? "scenario" : stem);
    }
    return spec;
  }

  private static UserInputException userError(String source, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = source + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr());
    List<Object> path = new ArrayList<>();
    if (e instanceof JsonMappingException m) {
      for (JsonMappingException.Reference r : m.getPath()) {
        path.add(r.getFieldName() != null ? r.getFieldName() : r.getIndex());
      }
    }
    Throwable cause = e.getCause();
    if (cause instanceof FieldException f) {
      List<Object> full = new ArrayList<>(path);
      full.addAll(f.path());
      return new UserInputException(
          where + " (" + FieldException.text(full) + ")",
          f.found(),
          f.expected(),
          f.fix() == null ? "correct the value at that place" : f.fix(),
          e);
    }
    String detail = e.getOriginalMessage();
    return new UserInputException(
        where + (path.isEmpty() ? "" : " (" + FieldException.text(path) + ")"),
        detail == null ? "unreadable YAML" : detail.lines().findFirst().orElse(detail),
        "a scenario as docs/scenarios.md describes it",
        "correct the file at that place",
        e);
  }
}
