package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.scenario.GeneratedDatasets;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.yaml.LoadedScenario;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code gauntlet generate --scenario FILE --out DIR}: the options, one library call, a summary.
 */
final class GenerateScenario {
  /** The options that go with --scenario; the others shape a fit and would be ignored. */
  private static final List<String> ALLOWED =
      List.of("--scenario", "--out", "--seed", "--threads", "--quiet");

  private GenerateScenario() {}

  static int run(GenerateCommand c, PrintWriter stdout) {
    List<String> others =
        c.spec.commandLine().getParseResult().matchedOptions().stream()
            .map(o -> o.longestName())
            .filter(n -> !ALLOWED.contains(n))
            .distinct()
            .toList();
    if (!others.isEmpty()) {
      throw new UserInputException(
          String.join(" ", others),
          "options of a fit with --scenario",
          "with --scenario only " + String.join(", ", ALLOWED.subList(1, ALLOWED.size())),
          "drop them: the scenario says how its rows are made");
    }
    if (c.out == null) {
      throw new UserInputException(
          "--scenario " + c.scenario,
          "no --out",
          "--out DIR, the folder for the datasets",
          "add --out, e.g. --out generated");
    }
    if (Files.exists(c.out) && !Files.isDirectory(c.out)) {
      throw new UserInputException(
          "--out " + c.out,
          "a file",
          "a folder for the datasets",
          "name a folder, new or existing");
    }
    if (c.threads != null && c.threads < 1) {
      throw new UserInputException(
          "--threads " + c.threads,
          Integer.toString(c.threads),
          "1 or more threads",
          "leave --threads out to use every core");
    }
    LoadedScenario loaded = ScenarioFiles.read(c.scenario);
    ScenarioSpec s = loaded.spec();
    if (c.spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
      s = s.withSeed(c.seed);
    }
    int threads = c.threads == null ? Runtime.getRuntime().availableProcessors() : c.threads;
    GeneratedDatasets made =
        ScenarioRunner.withDefaults()
            .withThreads(threads)
            .withSource(loaded.document().file())
            .withPlacer(loaded::placed)
            .generate(s, c.scenario.toAbsolutePath().getParent());
    Map<String, String> hashes =
        ReportFiles.writeGenerated(
            made, s.name(), s.seedOrDefault(), RunInfo.ofFile(c.scenario, threads), c.out);
    if (!c.quiet) {
      stdout.printf(
          Locale.ROOT,
          "%s: seed %d, %d datasets in %s%n",
          s.name(),
          s.seedOrDefault(),
          hashes.size(),
          c.out.resolve(GeneratedDatasets.FOLDER));
      for (Map.Entry<String, Table> e : made.files().entrySet()) {
        stdout.printf(
            Locale.ROOT,
            "  %-40s %,7d rows x %d columns%n",
            e.getKey(),
            e.getValue().rowCount(),
            e.getValue().columnCount());
      }
      made.skipped().forEach((v, why) -> stdout.println("  skipped " + v + ": " + why));
      stdout.println("manifest: " + c.out.resolve(ReportFiles.MANIFEST));
    }
    stdout.flush();
    return GauntletCli.OK;
  }
}
