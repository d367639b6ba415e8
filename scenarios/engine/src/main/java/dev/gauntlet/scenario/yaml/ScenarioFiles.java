package dev.gauntlet.scenario.yaml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.internal.SafeYamlReader;
import dev.gauntlet.scenario.yaml.internal.ScenarioChecks;
import dev.gauntlet.scenario.yaml.internal.SchemaCheck;
import dev.gauntlet.scenario.yaml.internal.YamlLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads scenario files: safely (no type tags, bounded size, nesting and aliases), validated against
 * the schema generated from {@link ScenarioSpec} before binding, then checked for what a schema
 * cannot see (files that exist, names that are registered). Every problem is a {@link
 * UserInputException} at the file, line and column to edit, with the YAML path of the value.
 *
 * <p>A scenario without a name is named after its file (without extension). Relative paths inside
 * it resolve against the file's folder.
 */
public final class ScenarioFiles {
  private static final ObjectMapper BINDER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final ObjectNode SCHEMA = ScenarioSchema.of(ScenarioSpec.class);
  private static final SchemaCheck SCHEMA_CHECK = new SchemaCheck(SCHEMA);

  private ScenarioFiles() {}

  /**
   * The spec in a YAML file: read safely, validated against the schema, bound, and the files it
   * names checked. Kinds, parameters, capabilities and expectations are left to the runner (which
   * checks them before it runs anything); {@link #read} checks those too, at their positions.
   */
  public static ScenarioSpec load(Path file) {
    YamlDocument document = new SafeYamlReader(YamlLimits.DEFAULT).read(file, file.toString());
    LoadedScenario loaded = bind(document, folderOf(file));
    ScenarioChecks.check(loaded);
    return loaded.spec();
  }

  private static Path folderOf(Path file) {
    // relative as the user named the file, so messages show paths the user recognises
    return file.getParent() == null ? Path.of("") : file.getParent();
  }

  /**
   * Reads, validates and binds a scenario file and checks the files and names it refers to, and
   * what the runner checks before running (variant kinds and parameters, model capabilities, metric
   * ids, expectations), each problem at its line and column; runs nothing.
   *
   * @throws UserInputException for any problem with the file, at its position
   */
  public static LoadedScenario read(Path file) {
    YamlDocument document = new SafeYamlReader(YamlLimits.DEFAULT).read(file, file.toString());
    return checked(bind(document, folderOf(file)));
  }

  /**
   * Reads, validates and binds a scenario held in memory (a class-path resource, say) and checks
   * the files it names, as {@link #read(Path)} does for a file.
   *
   * @param shownAs the scenario's name in messages
   * @param content the YAML, UTF-8
   * @param folder the folder relative paths resolve against
   */
  public static LoadedScenario read(String shownAs, byte[] content, Path folder) {
    YamlDocument document = new SafeYamlReader(YamlLimits.DEFAULT).read(content, shownAs);
    return checked(bind(document, folder));
  }

  /**
   * The checks beyond the schema: files and generator names here, then the engine's own (variant
   * kinds and their parameters, model capabilities, metric ids, expectations), placed at their line
   * and column.
   */
  private static LoadedScenario checked(LoadedScenario loaded) {
    ScenarioChecks.check(loaded);
    try {
      ScenarioRunner.withDefaults().withSource(loaded.document().file()).validate(loaded.spec());
    } catch (UserInputException e) {
      throw loaded.placed(e);
    }
    return loaded;
  }

  /**
   * Validates and binds a document already read (a scenario from a string, say); checks no files.
   *
   * @param folder the folder relative paths resolve against
   */
  public static LoadedScenario bind(YamlDocument document, Path folder) {
    SCHEMA_CHECK.check(document);
    ScenarioSpec spec;
    try {
      spec = BINDER.treeToValue(document.tree(), ScenarioSpec.class);
    } catch (JsonMappingException e) {
      throw bindingError(document, e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("binding a tree reads no text", e);
    }
    if (spec.name() == null) {
      String fileName = Path.of(document.file()).getFileName().toString();
      String stem = fileName.replaceFirst("\\.[^.]*$", "");
      spec = spec.withName(stem.isBlank() ? "scenario" : stem);
    }
    return new LoadedScenario(spec, document, folder);
  }

  /** The JSON Schema of scenario files, as {@code gauntlet schema} prints it. */
  public static String schemaText() {
    return ScenarioSchema.text(ScenarioSpec.class);
  }

  /**
   * A binding failure that the schema let through: a record's own check (a {@link FieldException})
   * or a value Jackson cannot convert, at its place in the file.
   */
  private static UserInputException bindingError(YamlDocument document, JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      path.add(r.getFieldName() != null ? r.getFieldName() : Integer.valueOf(r.getIndex()));
    }
    Throwable cause = e.getCause();
    if (cause instanceof FieldException f) {
      List<Object> full = new ArrayList<>(path);
      full.addAll(f.path());
      return new UserInputException(
          document.where(full),
          f.found(),
          f.expected(),
          f.fix() == null ? "correct the value at that place" : f.fix(),
          e);
    }
    if (cause instanceof UserInputException u) {
      return new UserInputException(document.where(path), u.found(), u.expected(), u.fix(), e);
    }
    if (e instanceof MismatchedInputException || cause instanceof IllegalArgumentException) {
      String detail = cause instanceof IllegalArgumentException ? cause.getMessage() : null;
      if (detail == null) {
        detail = e.getOriginalMessage();
      }
      return new UserInputException(
          document.where(path),
          detail == null ? "a value that does not fit" : detail.lines().findFirst().orElse(detail),
          "a value as docs/scenarios.md describes it",
          "correct the value at that place",
          e);
    }
    throw new IllegalStateException("binding " + document.file() + " failed: " + e, e);
  }
}
