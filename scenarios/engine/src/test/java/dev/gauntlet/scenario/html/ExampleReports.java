package dev.gauntlet.scenario.html;

import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The example scenarios' output folders, each run once per test JVM and shared by the tests. */
final class ExampleReports {
  static final Path EXAMPLES = Path.of("../../examples/scenarios");
  static final String CREDIT = "credit-under-pressure.yaml";
  static final String SYNTHETIC = "scarce-data-synthetic.yaml";
  static final String PENGUINS = "penguins-body-mass.yaml";

  private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

  record Run(ScenarioResult result, Path folder) {
    Path html() {
      return folder.resolve(HtmlReport.FILE);
    }

    Path json() {
      return folder.resolve(ReportFiles.REPORT);
    }
  }

  private ExampleReports() {}

  private static void deleteQuietly(Path folder) {
    try (var files = Files.walk(folder)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** Runs an example scenario and writes its files (report.html among them) with ReportFiles. */
  static synchronized Run of(String file) {
    return RUNS.computeIfAbsent(
        file,
        f -> {
          Path scenario = EXAMPLES.resolve(f);
          ScenarioResult r =
              ScenarioRunner.withDefaults()
                  .withThreads(2)
                  .run(ScenarioFiles.load(scenario), scenario.toAbsolutePath().getParent());
          try {
            Path folder = Files.createTempDirectory("gauntlet-html-" + f.replace(".yaml", ""));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(folder)));
            ReportFiles.write(r, new RunInfo("0".repeat(64), f, 2), folder, List.of());
            return new Run(r, folder);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
