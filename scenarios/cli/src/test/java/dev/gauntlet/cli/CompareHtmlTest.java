package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gauntlet compare --html FILE}: the synthetic-data report for scarce-data teams. */
class CompareHtmlTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");

  @TempDir Path dir;

  @Test
  void writesOneChartPerColumnThePairTrendMapAndTheScoresTheJsonHas() throws Exception {
    String iris = DATA.resolve("iris.csv").toString();
    String synthetic = dir.resolve("synthetic.csv").toString();
    CliRun generated =
        CliRun.of(
            "generate",
            "--fit",
            iris,
            "--generator",
            "gaussian-copula",
            "--rows",
            "150",
            "--seed",
            "3",
            "--out",
            synthetic);
    assertThat(generated.code()).as(generated.err()).isZero();
    Path html = dir.resolve("report.html");
    CliRun r =
        CliRun.of(
            "compare",
            iris,
            synthetic,
            "--label",
            "species",
            "--json",
            "--quiet",
            "--html",
            html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    String page = Files.readString(html);

    int columns = json.get("columns").size();
    assertThat(count(page, "data-chart=\"column\"")).isEqualTo(columns).isEqualTo(5);
    assertThat(count(page, "data-chart=\"pair-trends\"")).isEqualTo(1);
    assertThat(page).doesNotContain("<script").doesNotContain("https://");
    assertThat(shown(page, "quality_score"))
        .isCloseTo(json.get("quality_score").asDouble(), org.assertj.core.data.Offset.offset(5e-5));
    assertThat(shown(page, "exact_copy_rate"))
        .isCloseTo(
            json.get("exact_copy_rate").asDouble(), org.assertj.core.data.Offset.offset(5e-5));
    assertThat(shown(page, "utility_ratio"))
        .isCloseTo(json.get("utility_ratio").asDouble(), org.assertj.core.data.Offset.offset(5e-5));
    // drift per column: one row per column, with the test compare --json names
    assertThat(page).contains("<td>sepal_length_cm</td><td>ks</td>");
  }

  @Test
  void aFolderAsTheHtmlTargetIsAUserError() {
    String iris = DATA.resolve("iris.csv").toString();
    CliRun r = CliRun.of("compare", iris, iris, "--html", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--html").contains("a folder").doesNotContain("Exception");
  }

  private static int count(String s, String what) {
    return s.split(Pattern.quote(what), -1).length - 1;
  }

  private static double shown(String page, String figure) {
    Matcher m = Pattern.compile("<td>" + figure + "</td><td>([-0-9.]+)</td>").matcher(page);
    assertThat(m.find()).as(figure + " shown").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
