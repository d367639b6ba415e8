package dev.gauntlet.scenario.yaml.internal;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.Suggestions;
import dev.gauntlet.scenario.spec.DataSpec;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.SyntheticSpec;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.spi.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the schema cannot check: that the files a scenario names exist (reported as written and as
 * resolved against the scenario's folder), and that names of registered things (generators, model
 * kinds) are registered, with the closest registered name.
 */
public final class ScenarioChecks {
  private ScenarioChecks() {}

  /** Throws the first problem found. */
  public static void check(LoadedScenario loaded) {
    ScenarioSpec spec = loaded.spec();
    DataSpec data = spec.data();
    if (data.csv() != null) {
      // short form data: FILE.csv sits at "data" itself
      boolean shortForm = loaded.document().at(List.of("data")).isTextual();
      file(loaded, shortForm ? List.of("data") : List.of("data", "csv"), data.csv(), "CSV file");
    }
    if (data.world() != null && data.world().isTextual()) {
      file(loaded, List.of("data", "world"), data.world().textValue(), "world spec file (JSON)");
    }
    SyntheticSpec synthetic = data.synthetic();
    if (synthetic != null) {
      if (synthetic.fit() != null) {
        file(loaded, List.of("data", "synthetic", "fit"), synthetic.fit(), "CSV file");
      }
      if (synthetic.model() != null) {
        file(
            loaded,
            List.of("data", "synthetic", "model"),
            synthetic.model(),
            "saved generator model file");
      }
      if (synthetic.generator() != null) {
        name(
            loaded,
            List.of("data", "synthetic", "generator"),
            synthetic.generator(),
            "generator",
            Registry.generators().names(),
            "gauntlet generate --list");
      }
    }
    String modelKind = spec.model().kindOrDefault();
    if (modelKind != null && spec.model().kind() != null) {
      List<Object> at =
          loaded.document().at(List.of("model")).isTextual()
              ? List.of("model")
              : List.of("model", "kind");
      name(loaded, at, modelKind, "model kind", Registry.models().names(), "gauntlet run --list");
    }
    if (spec.split().file() != null) {
      List<Object> at =
          loaded.document().at(List.of("split")).isTextual()
              ? List.of("split")
              : List.of("split", "file");
      file(loaded, at, spec.split().file(), "CSV file of test rows");
    }
  }

  private static void file(LoadedScenario loaded, List<Object> path, String written, String what) {
    Path resolved;
    try {
      resolved = loaded.resolve(written);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UserInputException(
          loaded.where(path),
          "the path " + quote(written) + ", which is not a valid path here: " + e.getReason(),
          "a " + what + ", relative to the scenario's folder",
          "correct the path");
    }
    if (Files.isRegularFile(resolved)) {
      return;
    }
    String shown = resolved.toString();
    throw new UserInputException(
        loaded.where(path),
        (Files.isDirectory(resolved) ? "a folder at " : "no file at ")
            + quote(written)
            + " (resolved against the scenario's folder: "
            + (shown.isEmpty() ? "." : shown)
            + ")",
        "a " + what + ", relative to the scenario's folder",
        "correct the path, or create the file");
  }

  /** A name that must be registered. */
  public static void name(
      LoadedScenario loaded,
      List<Object> path,
      String written,
      String kind,
      List<String> known,
      String listCommand) {
    if (known.contains(written)) {
      return;
    }
    Optional<String> close = Suggestions.closest(written, known);
    throw new UserInputException(
        loaded.where(path),
        "no " + kind + " named " + quote(written),
        known.isEmpty()
            ? "a registered " + kind + " (none is on the class path)"
            : "one of " + String.join(", ", known),
        close.isPresent()
            ? "did you mean " + close.get() + "?"
            : "use a listed name (" + listCommand + " describes each)");
  }
}
