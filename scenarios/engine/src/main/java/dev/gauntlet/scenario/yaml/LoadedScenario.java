package dev.gauntlet.scenario.yaml;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A scenario read from a file: the spec, the document it came from (for the position of any value
 * in it) and the folder its relative paths resolve against. Code that finds a problem in a value of
 * the spec reports it here, so the user reads the file, line, column and YAML path to edit.
 *
 * @param spec the scenario
 * @param document the YAML it was bound from
 * @param folder the folder relative paths in the scenario resolve against
 */
public record LoadedScenario(ScenarioSpec spec, YamlDocument document, Path folder) {
  public LoadedScenario {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(folder, "folder");
  }

  /** Where the value at a YAML path is: {@code credit.yaml:12:7 (variants[2].params.columns)}. */
  public String where(List<?> path) {
    return document.where(path);
  }

  /**
   * A problem a library found with a value of the scenario, reported at that value: {@code path} is
   * where the value sits in the file (e.g. {@code variants, 2, params}), {@code e}'s own path is
   * appended to it.
   */
  public UserInputException errorAt(List<?> path, FieldException e) {
    List<Object> full = new java.util.ArrayList<>(path);
    full.addAll(e.path());
    return new UserInputException(
        where(full),
        e.found(),
        e.expected(),
        e.fix() == null ? "correct the value at that place" : e.fix(),
        e);
  }

  /**
   * A user error a library raised about a value it was given (naming, say, a parameter or a
   * command-line option), moved to the value's place in the file; found, expected and fix stay.
   */
  public UserInputException errorAt(List<?> path, UserInputException e) {
    return new UserInputException(where(path), e.found(), e.expected(), e.fix(), e);
  }

  /** A path of the scenario resolved against its folder. */
  public Path resolve(String written) {
    return folder.resolve(written).normalize();
  }
}
