package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The statistical generators keep the roles of the sample's columns (label, id) in what they
 * generate (issue 10, item 6), and generate an id column as fresh unique values: never one of the
 * sample's ids, which would copy them out, and never a model of them, which would repeat them.
 */
class RolesInOutputTest {

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

  @ParameterizedTest
  @ValueSource(strings = {"independent", "gaussian-copula"})
  void rolesAreKeptAndIdsAreFreshAndUnique(String name) {
    Table sample = sample();
    Generator g = Registry.generators().get(name).fit(sample, Map.of(), Seed.of(1));

    Table a = g.sample(Seed.of(2), 500);
    Table b = g.sample(Seed.of(3), 500);

    assertThat(a.schema()).isEqualTo(sample.schema());
    assertThat(g.schema()).isEqualTo(sample.schema());
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
    // only the data columns are modelled
    assertThat(((StatGenerator) g).columns())
        .extracting(ColumnModel::name)
        .containsExactly("x", "y");
  }

  @Test
  void aSavedGeneratorKeepsRolesAndIds() {
    StatGenerator g =
        (StatGenerator)
            Registry.generators().get("gaussian-copula").fit(sample(), Map.of(), Seed.of(1));

    Generator restored = Registry.generators().get("gaussian-copula").restore(g.state());

    assertThat(restored.schema()).isEqualTo(sample().schema());
    assertThat(restored.sample(Seed.of(4), 50)).isEqualTo(g.sample(Seed.of(4), 50));
  }
}
