import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.html.HtmlReport;
import dev.gauntlet.scenario.report.ReportJson;
import dev.gauntlet.scenario.report.RunInfo;
import dev.gauntlet.scenario.yaml.ScenarioFiles;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * Times writing report.html for a scenario's result (the run itself is not timed), against writing
 * report.json of the same result in the same JVM. Run by bench/html-report.sh.
 */
public class HtmlReportBench {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    ScenarioResult r =
        ScenarioRunner.withDefaults()
            .run(ScenarioFiles.load(file), file.toAbsolutePath().getParent());
    RunInfo info = new RunInfo("0".repeat(64), file.getFileName().toString(), 1);
    int places = r.sweeps().stream().mapToInt(v -> v.places().size()).sum();
    System.out.printf("scenario: %d variants, %d places%n", r.sweeps().size(), places);
    long[] html = new long[rounds];
    long[] json = new long[rounds];
    long[] cpu = new long[rounds];
    var os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    int size = 0;
    for (int i = 0; i < rounds; i++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      HtmlReport.file().write(r, info, out);
      html[i] = System.nanoTime() - t0;
      cpu[i] = os.getProcessCpuTime() - c0;
      size = out.size();
      ByteArrayOutputStream j = new ByteArrayOutputStream();
      t0 = System.nanoTime();
      new com.fasterxml.jackson.databind.ObjectMapper()
          .writerWithDefaultPrettyPrinter()
          .writeValue(j, ReportJson.of(r));
      json[i] = System.nanoTime() - t0;
    }
    long best = java.util.Arrays.stream(html).skip(rounds > 1 ? 1 : 0).min().getAsLong();
    long bestJson = java.util.Arrays.stream(json).skip(rounds > 1 ? 1 : 0).min().getAsLong();
    int b = 1;
    for (int i = 1; i < rounds; i++) {
      b = html[i] < html[b] ? i : b;
    }
    System.out.printf(
        "load average %.1f on %d cores%n",
        os.getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "report.html, first write (cold JVM, fonts loaded): %.2f s wall, %.2f s CPU%n",
        html[0] / 1e9, cpu[0] / 1e9);
    System.out.printf(
        "report.html, best later write: %.2f s wall, %.2f s CPU of the whole JVM (target < 2 s)%n",
        best / 1e9, cpu[rounds > 1 ? b : 0] / 1e9);
    System.out.printf(
        "report.json, best later write: %.3f s; html/json time ratio %.0fx%n",
        bestJson / 1e9, (double) best / bestJson);
    System.out.printf("report.html size: %.2f MB (target < 2 MB)%n", size / 1e6);
  }
}
