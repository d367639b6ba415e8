package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deep generators treat id columns as the statistical ones do (issue 11): left out of the model
 * (an id's 300 levels would be 300 one-hot slots copying sample ids out) and drawn fresh in the
 * output, never a sample id and unique; the saved model keeps the schema, roles and ids.
 */
class DeepIdColumnsTest {

  /** 300 rows: an order reference, a numeric customer number, a feature and a label. */
  private static Table sample() {
    int n = 300;
    String[] ref = new String[n];
    double[] customer = new double[n];
    double[] x = new double[n];
    String[] y = new String[n];
    for (int r = 0; r < n; r++) {
      ref[r] = "order-" + r;
      customer[r] = 1000 + r;
      x[r] = r % 17;
      y[r] = r % 3 == 0 ? "yes" : "no";
    }
    return Table.builder()
        .categorical("ref", ref)
        .numeric("customer", customer)
        .numeric("x", x)
        .categorical("y", y)
        .role("ref", ColumnRole.ID)
        .role("customer", ColumnRole.ID)
        .role("y", ColumnRole.LABEL)
        .build();
  }

  private static final Map<String, String> SMALL =
      Map.of("epochs", "2", "hidden", "16", "embedding", "8", "progress", "false");

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void idsAreNotModelledAndAreFreshUniqueAndKeptBySaving(String name) throws Exception {
    Table sample = sample();
    DeepGenerator g =
        (DeepGenerator) Registry.generators().get(name).fit(sample, SMALL, Seed.of(1));

    // only the data columns are modelled
    assertThat(g.state().get("transform").findValuesAsText("name")).containsExactly("x", "y");
    Table a = g.sample(Seed.of(2), 500);
    Table b = g.sample(Seed.of(3), 500);
    assertThat(g.schema()).isEqualTo(sample.schema());
    assertThat(a.schema()).isEqualTo(sample.schema());
    Set<String> refs = new HashSet<>(sample.categorical("ref").levels());
    Set<String> seen = new HashSet<>();
    for (Table t : new Table[] {a, b}) {
      CategoricalColumn ref = t.categorical("ref");
      NumericColumn customer = t.numeric("customer");
      for (int r = 0; r < t.rowCount(); r++) {
        assertThat(refs).doesNotContain(ref.level(r));
        assertThat(seen.add(ref.level(r))).as("unique across batches").isTrue();
        assertThat(customer.get(r)).isGreaterThan(1299); // above every sample id
      }
    }

    ObjectMapper json = new ObjectMapper();
    JsonNode state = json.readTree(json.writeValueAsString(g.state()));
    Generator restored = Registry.generators().get(name).restore(state);
    assertThat(restored.schema()).isEqualTo(sample.schema());
    assertThat(restored.sample(Seed.of(4), 50)).isEqualTo(g.sample(Seed.of(4), 50));

    ConditionalSampler.Conditioned yes = g.sampleWhere(40, Seed.of(5), "y", "yes", false);
    assertThat(yes.rows().schema()).isEqualTo(sample.schema());
    for (int r = 0; r < yes.rows().rowCount(); r++) {
      assertThat(yes.rows().categorical("y").level(r)).isEqualTo("yes");
      assertThat(refs).doesNotContain(yes.rows().categorical("ref").level(r));
    }
    assertThatThrownBy(() -> g.sampleWhere(10, Seed.of(5), "ref", "order-1", false))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("an id column");
  }
}
