package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.metrics.MetricCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsCommandTest {
  @Test
  void theTableListsEveryMetricWithItsDirectionRangeAndDefinition() {
    CliRun r = CliRun.of("metrics");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    for (String id : MetricCatalog.ids()) {
      assertThat(r.out()).containsPattern("(?m)^" + id + " +(higher|lower) ");
    }
    assertThat(r.out())
        .containsPattern("(?m)^log_loss +lower +\\[0, inf\\) +Mean over rows of -ln")
        .contains("classification:")
        .contains("synthetic fidelity:");
    assertThat(r.out().lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(GauntletCli.USAGE_WIDTH));
  }

  @Test
  void jsonHasTheCatalogue() throws Exception {
    CliRun r = CliRun.of("metrics", "--json");
    assertThat(r.code()).isZero();
    JsonNode metrics = Json.MAPPER.readTree(r.out()).get("metrics");
    List<String> ids = new ArrayList<>();
    metrics.forEach(m -> ids.add(m.get("id").asText()));
    assertThat(ids).isEqualTo(MetricCatalog.ids());
    JsonNode r2 = metrics.get(MetricCatalog.ids().indexOf("r2"));
    assertThat(r2.get("better").asText()).isEqualTo("higher");
    assertThat(r2.get("min").isNull()).isTrue();
    assertThat(r2.get("max").asDouble()).isEqualTo(1);
    assertThat(r2.get("range").asText()).isEqualTo("(-inf, 1]");
    assertThat(r2.get("kind").asText()).isEqualTo("regression");
    assertThat(r2.get("definition").asText()).startsWith("Coefficient of determination");
  }

  @Test
  void chosenIdsAndAnUnknownOneWithADidYouMean() throws Exception {
    CliRun r = CliRun.of("metrics", "--json", "ece", "accuracy");
    assertThat(r.code()).isZero();
    JsonNode metrics = Json.MAPPER.readTree(r.out()).get("metrics");
    assertThat(metrics.size()).isEqualTo(2);
    assertThat(metrics.get(0).get("id").asText()).isEqualTo("ece");

    CliRun bad = CliRun.of("metrics", "acuracy");
    assertThat(bad.code()).isEqualTo(GauntletCli.USER_ERROR);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err())
        .isEqualTo(
            String.join(
                    System.lineSeparator(),
                    "ID \"acuracy\"",
                    "  found:    unknown metric \"acuracy\"",
                    "  expected: a metric id of the catalogue; did you mean accuracy?",
                    "  fix:      use one of the ids `gauntlet metrics` lists")
                + System.lineSeparator());
  }
}
