package dev.gauntlet.scenario.yaml;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * A user error that names its place as {@code SOURCE (YAML.PATH)}, optionally followed by {@code
   * col N} inside a text value (as the engine's checks and the expectation parser write it) or by
   * other detail (a parameter a perturbation names), placed at that value's line and column in this
   * file: {@code credit.yaml:31:9 (expectations[2])}, the column pointing inside the expectation
   * where its text reads as written; other detail stays after the place. SOURCE must be this
   * document's {@link YamlDocument#file() name}: {@code train.csv (header)} is about another file.
   * Other errors, and paths to no value of this file, are returned as they are.
   *
   * <p>The one implementation: the runner places its errors with it too ({@code
   * ScenarioRunner.withPlacer(loaded::placed)}).
   */
  public UserInputException placed(UserInputException e) {
    String source = document.file() + " (";
    if (!e.where().startsWith(source)) {
      return e;
    }
    Matcher m = PATH_AND_DETAIL.matcher(e.where().substring(source.length()));
    if (!m.matches()) {
      return e;
    }
    List<Object> path = pathOf(m.group(1));
    if (path == null || document.at(path) == null && !parentExists(path)) {
      return e;
    }
    SourcePosition at =
        m.group(2) != null
            ? document.positionInside(path, Integer.parseInt(m.group(2)) - 1)
            : document.positionOf(path);
    String detail = m.group(3) == null ? "" : m.group(3);
    return new UserInputException(
        YamlDocument.where(at, path) + detail, e.found(), e.expected(), e.fix(), e);
  }

  private boolean parentExists(List<Object> path) {
    return !path.isEmpty() && document.at(path.subList(0, path.size() - 1)) != null;
  }

  private static final Pattern PATH_AND_DETAIL =
      Pattern.compile("([^()]*)\\)(?: col (\\d{1,6})|( .+))?", Pattern.DOTALL);
  private static final Pattern STEP =
      Pattern.compile(
          "\\.?([A-Za-z_][A-Za-z0-9_-]*)|\\[(\\d{1,9})\\]|\\.?\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A path written as {@link FieldException#text}, back into keys and indexes; null if not one. */
  static List<Object> pathOf(String text) {
    List<Object> path = new java.util.ArrayList<>();
    Matcher m = STEP.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      if (m.group(1) != null) {
        path.add(m.group(1));
      } else if (m.group(2) != null) {
        path.add(Integer.valueOf(m.group(2)));
      } else {
        path.add(m.group(3).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
      at = m.end();
    }
    return path;
  }

  /** A path of the scenario resolved against its folder. */
  public Path resolve(String written) {
    return folder.resolve(written).normalize();
  }
}
