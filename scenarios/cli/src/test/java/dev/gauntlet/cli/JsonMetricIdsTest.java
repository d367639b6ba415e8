package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.metrics.MetricCatalog;
import dev.gauntlet.metrics.MetricDefinition;
import dev.gauntlet.metrics.MetricKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare --json} and {@code evaluate --json} name their figures by the catalogue: every
 * top-level figure (a number, or null where undefined) is a catalogue id, every other top-level key
 * is one of the sections the README documents, and each command reports every figure of its
 * catalogue kinds.
 */
class JsonMetricIdsTest {
  private static final Path DATA = Path.of("..", "..", "examples", "data");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The non-figure keys of compare --json, as the README lists them. */
  private static final Set<String> COMPARE_SECTIONS =
      Set.of(
          "real",
          "synthetic",
          "holdout",
          "details",
          "columns",
          "column_pairs",
          "drift",
          "subsample",
          "ids");

  /** The non-figure keys of evaluate --json, as the README lists them. */
  private static final Set<String> EVALUATE_SECTIONS =
      Set.of(
          "predictions",
          "classes",
          "positive_class",
          "details",
          "per_class",
          "confusion_matrix",
          "reliability",
          "slices",
          "worst_slice",
          "weak_segments");

  @TempDir Path dir;

  @Test
  void compareReportsEveryFigureOfItsKindsUnderItsCatalogueId() throws IOException {
    // penguins: missing values, numeric and categorical columns; halves as real, synthetic and
    // holdout so that every optional figure (utility, overfitting) is measured
    List<String> lines = Files.readAllLines(DATA.resolve("penguins.csv"));
    Path a = write("a.csv", lines.get(0), lines.subList(1, 150));
    Path b = write("b.csv", lines.get(0), lines.subList(150, 250));
    Path h = write("h.csv", lines.get(0), lines.subList(250, lines.size()));
    CliRun r =
        CliRun.of(
            "compare",
            a.toString(),
            b.toString(),
            "--label",
            "species",
            "--holdout",
            h.toString(),
            "--json",
            "--quiet");
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode root = JSON.readTree(r.out());
    Set<String> figures = figureKeys(root, COMPARE_SECTIONS);
    assertThat(figures)
        .isEqualTo(
            idsOf(
                EnumSet.of(
                    MetricKind.SYNTHETIC_FIDELITY,
                    MetricKind.PRIVACY,
                    MetricKind.UTILITY,
                    MetricKind.DRIFT)));
    assertThat(root.get("quality_score").isNumber()).isTrue();
    assertThat(root.get("details").get("utility").get("label").asText()).isEqualTo("species");
  }

  @Test
  void evaluateReportsEveryClassificationAndCalibrationFigureUnderItsCatalogueId()
      throws IOException {
    // a feature column adds the slice sections
    Path p =
        write(
            "p.csv",
            "y_true,p_no,p_yes,colour",
            List.of(
                "yes,0.2,0.8,red",
                "no,0.7,0.3,red",
                "yes,0.6,0.4,blue",
                "no,0.9,0.1,blue",
                "yes,0.1,0.9,red",
                "no,0.4,0.6,blue"));
    CliRun r = CliRun.of("evaluate", "--predictions", p.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();

    JsonNode root = JSON.readTree(r.out());
    Set<String> figures = figureKeys(root, EVALUATE_SECTIONS);
    assertThat(figures)
        .isEqualTo(idsOf(EnumSet.of(MetricKind.CLASSIFICATION, MetricKind.CALIBRATION)));
    assertThat(root.get("brier_score").isNumber()).isTrue();
    assertThat(root.get("details").get("rows").asInt()).isEqualTo(6);
    assertThat(root.has("worst_slice")).isTrue();
  }

  /**
   * The top-level keys holding a number or null, each checked to be a catalogue id; every other key
   * must be a documented section.
   */
  private static Set<String> figureKeys(JsonNode root, Set<String> sections) {
    Set<String> figures = new LinkedHashSet<>();
    List<String> strays = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      JsonNode v = root.get(key);
      if (v.isNumber() || v.isNull()) {
        if (MetricCatalog.find(key).isEmpty()) {
          strays.add(key + " (a figure that is no catalogue id)");
        }
        figures.add(key);
      } else if (!sections.contains(key)) {
        strays.add(key + " (not a documented section)");
      }
    }
    assertThat(strays).isEmpty();
    return figures;
  }

  private static Set<String> idsOf(Set<MetricKind> kinds) {
    return MetricCatalog.all().stream()
        .filter(d -> kinds.contains(d.kind()))
        .map(MetricDefinition::id)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private Path write(String name, String header, List<String> rows) throws IOException {
    List<String> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    Path p = dir.resolve(name);
    Files.write(p, all);
    return p;
  }
}
