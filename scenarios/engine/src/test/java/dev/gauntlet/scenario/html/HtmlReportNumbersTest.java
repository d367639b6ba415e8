package dev.gauntlet.scenario.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.scenario.SyntheticFigures;
import dev.gauntlet.scenario.VariantResult;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every number report.html shows from the result is the number report.json holds there. */
class HtmlReportNumbersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {ExampleReports.CREDIT, ExampleReports.SYNTHETIC, ExampleReports.PENGUINS})
  void everyTaggedNumberEqualsReportJsonToTheDigitsShown(String scenario) throws IOException {
    ExampleReports.Run run = ExampleReports.of(scenario);
    JsonNode json = JSON.readTree(run.json().toFile());
    Document page = Jsoup.parse(Files.readString(run.html()));

    Set<String> pointers = new HashSet<>();
    for (Element e : page.select("[data-json]")) {
      String pointer = e.attr("data-json");
      pointers.add(pointer);
      JsonNode node = json.at(pointer);
      assertThat(node.isMissingNode()).as("%s is in report.json", pointer).isFalse();
      String shown = e.text();
      if (node.isNull()) {
        assertThat(shown).as(pointer).isEqualTo("n/a");
        continue;
      }
      assertThat(node.isNumber()).as(pointer).isTrue();
      BigDecimal value = new BigDecimal(shown);
      // Shown to value.scale() decimals: it must be the JSON number rounded there (half a unit).
      double halfUnit = 0.5 * Math.pow(10, -value.scale()) + 1e-12;
      assertThat(Math.abs(value.doubleValue() - node.asDouble()))
          .as("%s shows %s, report.json has %s", pointer, shown, node)
          .isLessThanOrEqualTo(halfUnit);
    }

    // The summary shows each expectation's measured value and bound, and the seed.
    for (int i = 0; i < json.get("expectations").size(); i++) {
      assertThat(pointers)
          .contains("/expectations/" + i + "/measured", "/expectations/" + i + "/bound");
    }
    assertThat(pointers).contains("/seed");
    String verdict = page.selectFirst(".verdict").text();
    assertThat(verdict).startsWith(json.get("passed").asBoolean() ? "PASSED" : "FAILED");
    assertThat(page.select("tr.fail .mark")).hasSize(run.result().failures().size());
    assertThat(page.select("table.expectations tbody tr")).hasSize(json.get("expectations").size());

    // Each variant's curve is tabulated at every severity.
    for (int i = 0; i < run.result().sweeps().size(); i++) {
      VariantResult v = run.result().sweeps().get(i);
      for (int j = 0; j < v.places().size(); j++) {
        assertThat(pointers).contains("/variants/" + i + "/severities/" + j + "/severity");
      }
      SyntheticFigures f = v.synthetic();
      if (f != null) {
        for (int c = 0; c < f.columns().size(); c++) {
          String at = "/variants/" + i + "/synthetic/columns/" + c;
          assertThat(pointers).contains(at + "/shape_score", at + "/drift/statistic");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {ExampleReports.CREDIT, ExampleReports.SYNTHETIC, ExampleReports.PENGUINS})
  void thePageIsSelfContained(String scenario) throws IOException {
    String html = Files.readString(ExampleReports.of(scenario).html());
    Document page = Jsoup.parse(html);
    assertThat(page.select("script")).isEmpty();
    assertThat(page.select("link")).isEmpty();
    for (Element img : page.select("img")) {
      assertThat(img.attr("src")).startsWith("data:image/png;base64,");
    }
    assertThat(html).doesNotContain("http://").doesNotContain("https://");
  }

  @ParameterizedTest
  @ValueSource(strings = {ExampleReports.CREDIT})
  void theReliabilityLegendShowsTheMeasuredEce(String scenario) throws IOException {
    ExampleReports.Run run = ExampleReports.of(scenario);
    JsonNode json = JSON.readTree(run.json().toFile());
    Document page = Jsoup.parse(Files.readString(run.html()));
    // credit-under-pressure measures ece, so the baseline row quotes the metric itself.
    Element baseline = page.selectFirst("[data-json=/clean/metrics/ece/value]");
    assertThat(baseline).isNotNull();
    assertThat(Double.parseDouble(baseline.text()))
        .isCloseTo(
            json.at("/clean/metrics/ece/value").asDouble(),
            org.assertj.core.data.Offset.offset(5e-5));
    assertThat(json.at("/clean/reliability")).hasSize(10);
  }

  @org.junit.jupiter.api.Test
  void aRegressionPageHasItsSweepsAndSlicesButNoReliabilityDiagram() throws IOException {
    ExampleReports.Run run = ExampleReports.of(ExampleReports.PENGUINS);
    JsonNode json = JSON.readTree(run.json().toFile());
    Document page = Jsoup.parse(Files.readString(run.html()));
    assertThat(json.at("/clean/reliability")).isEmpty();
    assertThat(page.select("h2").eachText())
        .contains("Robustness")
        .noneMatch(h -> h.toLowerCase(java.util.Locale.ROOT).contains("reliability"));
    // a robustness chart per variant (three sweeps)
    assertThat(page.select("figure img")).hasSizeGreaterThanOrEqualTo(3);
    // slices, worst first in the catalogue's direction: for mae the largest error leads
    assertThat(page.select("h2").eachText()).contains("Slices (clean rows, worst mae first)");
    List<Double> maes = new java.util.ArrayList<>();
    for (Element cell : page.select("[data-json^=/clean/slices/mae/]")) {
      maes.add(Double.parseDouble(cell.text()));
    }
    assertThat(maes).hasSizeGreaterThan(2).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }
}
