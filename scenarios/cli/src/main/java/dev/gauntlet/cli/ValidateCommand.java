package dev.gauntlet.cli;

import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet validate SCENARIO.yaml}: checks a scenario file without running it. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    header = "Check a scenario file without running it.",
    description = {
      "Check a scenario file without running anything: its YAML (safely: no type tags, bounded",
      "size, nesting and aliases), every key and value against the scenario schema, the files it",
      "names (resolved against the scenario's folder), the names of generators, and what gauntlet",
      "run checks before it starts: variant kinds and parameters, the model's capabilities, metric",
      "ids and expectations. A problem is printed at its file:line:col with the YAML path, what",
      "was found, what was expected and a fix, and exits 2. See `gauntlet schema` and",
      "docs/scenarios.md for the format."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path file;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // read also makes the engine's checks before a run (kinds, parameters, model capabilities,
    // metric ids, expectations), each placed at its line and column
    LoadedScenario scenario = ScenarioFiles.read(file);
    spec.commandLine()
        .getOut()
        .println(
            file
                + ": valid scenario \""
                + scenario.spec().name()
                + "\" ("
                + count(scenario.spec().variants().size(), "variant")
                + ", "
                + count(scenario.spec().expectations().size(), "expectation")
                + ")");
    return GauntletCli.OK;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
