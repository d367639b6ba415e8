package dev.gauntlet.scenario.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.VariantResult;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens an example scenario's report.html in headless Chromium (Debian's {@code chromium}), takes a
 * screenshot, and checks in the browser's own DOM that the page holds the charts the scenario calls
 * for, that each one decoded (natural width > 0) and that nothing was logged to the console. Skips
 * only where Chromium is missing and {@code CI} is unset; on CI a missing Chromium fails.
 */
class HtmlReportChromiumTest {
  /**
   * Put first in the copy of the page that is checked: records errors (script, console.error and
   * resources that failed to load), then after load writes what the browser made of each image into
   * a {@code pre} that --dump-dom prints. The report itself has no scripts.
   */
  private static final String CHECK =
      "<script>window.__errors=[];"
          + "const __ce=console.error;console.error=(...a)=>{__errors.push(a.join(' '));};"
          + "window.addEventListener('error',e=>__errors.push('error: '+(e.message||"
          + "(e.target&&e.target.tagName))),true);"
          + "window.addEventListener('load',()=>{const p=document.createElement('pre');"
          + "p.id='gauntlet-check';p.textContent=JSON.stringify({errors:__errors,"
          + "images:[...document.images].map(i=>({chart:i.dataset.chart,subject:i.dataset.subject,"
          + "width:i.naturalWidth,complete:i.complete}))});document.body.appendChild(p);});"
          + "</script>";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {ExampleReports.CREDIT, ExampleReports.SYNTHETIC})
  void chromiumShowsEveryChartTheScenarioCallsFor(String scenario) throws Exception {
    String chromium = chromium();
    ExampleReports.Run run = ExampleReports.of(scenario);
    ScenarioResult r = run.result();
    String html = Files.readString(run.html());

    Path screenshot = dir.resolve("report.png");
    Result shot =
        chromium(
            chromium,
            "--window-size=1280,2000",
            "--screenshot=" + screenshot,
            run.html().toUri().toString());
    assertThat(shot.exit()).as(shot.stderr()).isZero();
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image).as("the screenshot decodes").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(consoleLines(shot.stderr())).as("console messages").isEmpty();

    Path checked = dir.resolve("checked.html");
    Files.writeString(checked, html.replaceFirst("<head>", "<head>" + CHECK));
    Result dom =
        chromium(chromium, "--virtual-time-budget=10000", "--dump-dom", checked.toUri().toString());
    assertThat(dom.exit()).as(dom.stderr()).isZero();
    Element pre = Jsoup.parse(dom.stdout()).getElementById("gauntlet-check");
    assertThat(pre).as("the check ran after load").isNotNull();
    JsonNode check = new ObjectMapper().readTree(pre.text());
    assertThat(check.get("errors")).as("errors in the page").isEmpty();
    assertThat(consoleLines(dom.stderr())).as("console messages").isEmpty();

    List<String> charts = new ArrayList<>();
    for (JsonNode img : check.get("images")) {
      assertThat(img.get("complete").asBoolean()).as(img.toString()).isTrue();
      assertThat(img.get("width").asInt()).as("%s decoded", img).isPositive();
      charts.add(img.get("chart").asText() + ":" + img.get("subject").asText());
    }
    List<String> expected = new ArrayList<>();
    for (VariantResult v : r.sweeps()) {
      expected.add("robustness:" + v.name());
    }
    expected.add("reliability:");
    for (VariantResult v : r.sweeps()) {
      if (v.synthetic() != null) {
        v.synthetic().columns().forEach(c -> expected.add("column:" + c.name()));
        expected.add("pair-trends:");
      }
    }
    assertThat(charts).containsExactlyInAnyOrderElementsOf(expected);
    if (scenario.equals(ExampleReports.SYNTHETIC)) {
      assertThat(charts).anyMatch(c -> c.startsWith("column:")).contains("pair-trends:");
    }
  }

  record Result(int exit, String stdout, String stderr) {}

  private Result chromium(String chromium, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(chromium);
    command.add("--headless");
    command.add("--no-sandbox"); // tests may run as root in containers
    command.add("--disable-gpu");
    command.add("--hide-scrollbars");
    command.add("--no-first-run");
    command.add("--user-data-dir=" + dir.resolve("profile"));
    command.add("--enable-logging=stderr");
    command.add("--v=0");
    command.addAll(List.of(args));
    File out = dir.resolve("stdout.txt").toFile();
    File err = dir.resolve("stderr.txt").toFile();
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out)
            .redirectError(err)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("chromium did not finish in 120 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  /** Lines Chromium logs for the page's console (any level: the report should log nothing). */
  private static List<String> consoleLines(String stderr) {
    return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
  }

  private static String chromium() throws IOException {
    Optional<String> found = onPath("chromium").or(() -> onPath("chromium-browser"));
    if (found.isEmpty()) {
      boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
      if (ci) {
        fail("CI is set but chromium is not installed (.ci/run installs Debian's chromium)");
      }
      assumeTrue(false, "chromium not installed and CI unset");
    }
    return found.get();
  }

  private static Optional<String> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p.toString());
      }
    }
    return Optional.empty();
  }
}
