package dev.gauntlet.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.data.ColumnSpec;
import dev.gauntlet.data.DateTimeFormat;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Drift;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.scenario.SyntheticFigures;
import org.junit.jupiter.api.Test;

class ReportJsonSyntheticTest {
  private static final double DAY = 86_400;

  private static Table table(double firstDay, double... x) {
    double[] days = new double[x.length];
    String[] c = new String[x.length];
    for (int i = 0; i < x.length; i++) {
      days[i] = (firstDay + i) * DAY;
      c[i] = i % 2 == 0 ? "a" : "b";
    }
    return Table.builder()
        .add(ColumnSpec.datetime("day", DateTimeFormat.DATE), NumericColumn.of(days))
        .numeric("x", x)
        .categorical("c", c)
        .build();
  }

  @Test
  void eachColumnIsTypedAsTheRealTableTypesIt() {
    Table real = table(19_000, 1, 2, 3, 4, 5, 6);
    Table synthetic = table(19_002, 1.5, 2, 3.5, 4, 5.5, 6);
    Fidelity fidelity = Fidelity.compare(real, synthetic);
    Drift drift = Drift.of(real, synthetic, Drift.Options.defaults());
    SyntheticFigures figures = SyntheticFigures.of(real, synthetic, fidelity, drift);

    JsonNode columns = ReportJson.synthetic(figures).get("columns");

    assertThat(columns.get(0).get("name").asText()).isEqualTo("day");
    assertThat(columns.get(0).get("type").asText()).isEqualTo("datetime");
    assertThat(columns.get(0).has("edges")).isTrue(); // a date is drawn as a histogram
    assertThat(columns.get(1).get("type").asText()).isEqualTo("numeric");
    assertThat(columns.get(2).get("type").asText()).isEqualTo("categorical");
    assertThat(columns.get(2).has("categories")).isTrue();
  }
}
