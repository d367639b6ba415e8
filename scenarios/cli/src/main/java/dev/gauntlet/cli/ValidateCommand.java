package dev.gauntlet.cli;

import dev.gauntlet.scenario.ScenarioRunner;
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
      "docs/scenario-format.md for the format."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SCENARIO.yaml", description = "The scenario file.")
  Path file;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    LoadedScenario scenario = ScenarioFiles.read(file);
    // what the engine checks before a run: kinds, parameters, model capabilities, expectations
    ScenarioRunner.withDefaults()
        .withSource(file.getFileName().toString())
        .withLocator(scenario::where)
        .validate(scenario.spec());
    spec.commandLine()
        .getOut()
        .println(
            file
                + ": valid scenario \""
                + scenario.spec().name()
                + "\" ("
                + scenario.spec().variants().size()
                + " variants, "
                + scenario.spec().expectations().size()
                + " expectations)");
    return GauntletCli.OK;
  }
}
