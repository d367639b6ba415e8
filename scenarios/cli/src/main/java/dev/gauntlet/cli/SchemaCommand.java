package dev.gauntlet.cli;

import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code gauntlet schema}: the JSON Schema of scenario files. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    header = "Print the JSON Schema of scenario files.",
    description = {
      "Print the JSON Schema (draft 2020-12) of scenario files, generated from the spec classes.",
      "Editors with a YAML language server check and complete scenario files with it: save it",
      "(docs/scenario.schema.json holds a copy) and add this first line to a scenario:",
      "  # yaml-language-server: $schema=PATH/TO/scenario.schema.json"
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(ScenarioFiles.schemaText());
    spec.commandLine().getOut().flush();
    return GauntletCli.OK;
  }
}
