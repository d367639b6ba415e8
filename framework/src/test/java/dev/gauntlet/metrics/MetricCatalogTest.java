package dev.gauntlet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricCatalogTest {
  @Test
  void idsAreUniqueAndSnakeCase() {
    List<String> ids = MetricCatalog.ids();
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    for (String id : ids) {
      assertThat(id).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    }
    assertThatThrownBy(
            () ->
                new MetricDefinition(
                    "F1-Macro", MetricKind.CLASSIFICATION, Direction.HIGHER_IS_BETTER, 0, 1, "X."))
        .hasMessage("metric id is not snake_case: F1-Macro");
  }

  @Test
  void theCatalogueHoldsTheMetricsTheIssueNames() {
    assertThat(MetricCatalog.ids())
        .contains(
            "accuracy",
            "balanced_accuracy",
            "f1_macro",
            "precision_macro",
            "recall_macro",
            "log_loss",
            "brier_score",
            "roc_auc",
            "pr_auc",
            "ece",
            "mce",
            "mae",
            "rmse",
            "r2",
            "attack_success_rate",
            "quality_score",
            "column_shapes",
            "column_pair_trends",
            "exact_copy_rate",
            "dcr_median",
            "tstr_accuracy",
            "drifted_share",
            "frechet_distance");
    Set<MetricKind> kinds = new HashSet<>();
    MetricCatalog.all().forEach(d -> kinds.add(d.kind()));
    assertThat(kinds).containsExactlyInAnyOrder(MetricKind.values());
  }

  @Test
  void directionsAndRanges() {
    MetricDefinition logLoss = MetricCatalog.find("log_loss").orElseThrow();
    assertThat(logLoss.direction()).isEqualTo(Direction.LOWER_IS_BETTER);
    assertThat(logLoss.rangeText()).isEqualTo("[0, inf)");
    assertThat(MetricCatalog.find("r2").orElseThrow().rangeText()).isEqualTo("(-inf, 1]");
    assertThat(MetricCatalog.find("accuracy").orElseThrow().rangeText()).isEqualTo("[0, 1]");
    assertThat(MetricCatalog.find("accuracy").orElseThrow().direction())
        .isEqualTo(Direction.HIGHER_IS_BETTER);
    // a rise of log loss is a drop; a fall of accuracy is one
    assertThat(Direction.LOWER_IS_BETTER.worsening(0.3, 0.5)).isEqualTo(0.2, within());
    assertThat(Direction.HIGHER_IS_BETTER.worsening(0.8, 0.75)).isEqualTo(0.05, within());
    assertThat(Direction.HIGHER_IS_BETTER.isWorse(Double.NaN, 0.1)).isTrue();
    assertThat(Direction.LOWER_IS_BETTER.isWorse(0.1, Double.NaN)).isFalse();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-12);
  }

  @Test
  void definitionsSayTheDenominator() {
    assertThat(MetricCatalog.find("attack_success_rate").orElseThrow().definition())
        .contains("rows the model classified correctly before the attack");
    assertThat(MetricCatalog.find("exact_copy_rate").orElseThrow().definition())
        .isEqualTo("Share of the synthetic rows that equal a training row in every column.");
    for (MetricDefinition d : MetricCatalog.all()) {
      assertThat(d.definition()).as(d.id()).endsWith(".");
    }
  }

  @Test
  void anUnknownIdIsAUserErrorWithADidYouMean() {
    assertThat(MetricCatalog.find("acuracy")).isEmpty();
    assertThat(MetricCatalog.suggestion("acuracy")).hasValue("accuracy");
    assertThat(MetricCatalog.suggestion("logloss")).hasValue("log_loss");
    assertThat(MetricCatalog.suggestion("happiness")).isEmpty();
    String nl = System.lineSeparator();
    assertThatThrownBy(() -> MetricCatalog.get("f1-macro", "--metric"))
        .isInstanceOf(UserInputException.class)
        .hasMessage(
            "--metric"
                + nl
                + "  found:    unknown metric \"f1-macro\""
                + nl
                + "  expected: a metric id of the catalogue: did you mean f1_macro?"
                + nl
                + "  fix:      use one of the ids `gauntlet metrics` lists");
    assertThat(MetricCatalog.get("f1_macro", "--metric").kind())
        .isEqualTo(MetricKind.CLASSIFICATION);
  }

  /** Regenerate with {@code -Dgauntlet.writeDocs=true} after changing the catalogue. */
  @Test
  void docsMetricsMdIsTheCatalogue() throws IOException {
    Path docs = Path.of("..", "docs", "metrics.md");
    String expected = MetricCatalog.markdown();
    if (Boolean.getBoolean("gauntlet.writeDocs")) {
      Files.writeString(docs, expected, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(docs, StandardCharsets.UTF_8))
        .as("docs/metrics.md is out of date: rerun this test with -Dgauntlet.writeDocs=true")
        .isEqualTo(expected);
    for (String id : MetricCatalog.ids()) {
      assertThat(expected).contains("| `" + id + "` |");
    }
  }
}
