package dev.gauntlet.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RegistryTest {

  private static Table data() {
    double[] x = new double[100];
    String[] k = new String[100];
    for (int i = 0; i < x.length; i++) {
      x[i] = i * 0.5;
      k[i] = i % 7 == 0 ? null : "level" + (i % 5);
    }
    return Table.builder().numeric("x", x).categorical("k", k).build();
  }

  private static Generator bootstrap() {
    return Registry.generators().get("bootstrap").fit(data(), Map.of(), Seed.of(1));
  }

  @Test
  void providersAreFoundByName() {
    assertThat(Registry.generators().names()).contains("bootstrap");
    assertThat(Registry.generators().get("bootstrap"))
        .isInstanceOf(BootstrapGeneratorProvider.class);
    assertThat(Registry.perturbations().get("drop-rows"))
        .isInstanceOf(DropRowsPerturbationProvider.class);
    assertThat(Registry.perturbations().all()).extracting(Named::name).contains("drop-rows");
  }

  @Test
  void anUnknownNameIsAUserErrorListingTheKnownNames() {
    UserInputException e =
        catchThrowableOfType(UserInputException.class, () -> Registry.generators().get("bootstrp"));

    assertThat(e.where()).isEqualTo("generator \"bootstrp\"");
    assertThat(e.found()).isEqualTo("no generator of that name");
    assertThat(e.expected()).startsWith("one of [").contains("bootstrap");
    assertThat(e.fix()).isEqualTo("use one of the listed names");
    assertThat(
            catchThrowableOfType(
                    UserInputException.class, () -> Registry.perturbations().get("noise"))
                .expected())
        .contains("drop-rows");
  }

  @Test
  void anEmptyRegistrySaysNothingIsOnTheClassPath() {
    Registry<PerturbationProvider> empty = Registry.of("perturbation", List.of());

    UserInputException e = catchThrowableOfType(UserInputException.class, () -> empty.get("x"));

    assertThat(e.expected()).contains("none is on the class path");
    assertThat(e.fix()).contains("class path");
  }

  @Test
  void twoProvidersOfOneNameAreRefused() {
    PerturbationProvider other =
        new PerturbationProvider() {
          @Override
          public String name() {
            return "drop-rows";
          }

          @Override
          public String description() {
            return "another";
          }

          @Override
          public List<Parameter> parameters() {
            return List.of();
          }

          @Override
          public Perturbation create(Map<String, String> params) {
            return (table, severity, seed) -> table;
          }
        };

    assertThatThrownBy(
            () -> Registry.of("perturbation", List.of(new DropRowsPerturbationProvider(), other)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("\"drop-rows\"")
        .hasMessageContaining(DropRowsPerturbationProvider.class.getName());
  }

  @Test
  void namesAreSorted() {
    // given out of order: with one provider (as this test had) any order passes
    Registry<PerturbationProvider> r =
        Registry.of(
            "perturbation",
            List.of(
                new Renamed("zeta"),
                new DropRowsPerturbationProvider(),
                new Renamed("alpha"),
                new Renamed("mid")));

    assertThat(r.names()).containsExactly("alpha", "drop-rows", "mid", "zeta");
    assertThat(r.all())
        .extracting(Named::name)
        .containsExactly("alpha", "drop-rows", "mid", "zeta");
  }

  /** A drop-rows perturbation under another name. */
  private static final class Renamed implements PerturbationProvider {
    private final String name;
    private final PerturbationProvider rows = new DropRowsPerturbationProvider();

    Renamed(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return rows.description();
    }

    @Override
    public List<Parameter> parameters() {
      return rows.parameters();
    }

    @Override
    public Perturbation create(Map<String, String> params) {
      return rows.create(params);
    }
  }

  // --- batches and seeds ------------------------------------------------------------------

  private static final int N = 2 * Generator.DEFAULT_BATCH_SIZE + 1234;

  private static List<Integer> batchSizes(int n) {
    List<Integer> sizes = new ArrayList<>();
    for (int done = 0; done < n; done += Generator.DEFAULT_BATCH_SIZE) {
      sizes.add(Math.min(Generator.DEFAULT_BATCH_SIZE, n - done));
    }
    return sizes;
  }

  @Test
  void sampleIsTheSameWhateverOrderTheBatchesAreMadeIn() {
    Generator g = bootstrap();
    Seed root = Seed.of(77);
    Table expected = g.sample(root, N);
    List<Integer> sizes = batchSizes(N);

    Table[] reversed = new Table[sizes.size()];
    for (int i = sizes.size() - 1; i >= 0; i--) {
      reversed[i] = g.batch(root, i, sizes.get(i));
    }

    assertThat(expected.rowCount()).isEqualTo(N);
    assertThat(Table.concat(List.of(reversed))).isEqualTo(expected);
  }

  @Test
  void sampleIsTheSameWhenBatchesAreMadeOnManyThreads()
      throws InterruptedException, ExecutionException {
    Generator g = bootstrap();
    Seed root = Seed.of(78);
    List<Integer> sizes = batchSizes(N);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sizes.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new java.util.Random(5));

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Table>> futures = new ArrayList<>(Collections.nCopies(sizes.size(), null));
      for (int i : order) {
        futures.set(i, pool.submit(() -> g.batch(root, i, sizes.get(i))));
      }
      List<Table> batches = new ArrayList<>();
      for (Future<Table> f : futures) {
        batches.add(f.get());
      }
      assertThat(Table.concat(batches)).isEqualTo(g.sample(root, N));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aShorterSampleIsAPrefixOfALongerOne() {
    Generator g = bootstrap();
    Seed root = Seed.of(79);

    Table longer = g.sample(root, N);
    Table shorter = g.sample(root, Generator.DEFAULT_BATCH_SIZE + 10);

    assertThat(shorter).isEqualTo(longer.slice(0, shorter.rowCount()));
  }

  @Test
  void differentRootsGiveDifferentSamplesAndZeroRowsKeepTheSchema() {
    Generator g = bootstrap();

    assertThat(g.sample(Seed.of(1), 500)).isNotEqualTo(g.sample(Seed.of(2), 500));
    Table none = g.sample(Seed.of(1), 0);
    assertThat(none.rowCount()).isZero();
    assertThat(none.schema()).isEqualTo(g.schema());
    assertThatThrownBy(() -> g.sample(Seed.of(1), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRestoredGeneratorSamplesTheSame() {
    Generator g = bootstrap();

    Generator restored = Registry.generators().get("bootstrap").restore(g.state());

    assertThat(restored.sample(Seed.of(5), 300)).isEqualTo(g.sample(Seed.of(5), 300));
  }

  @Test
  void aPerturbationIsAPureFunctionOfTableSeverityAndSeed() {
    Perturbation p = Registry.perturbations().get("drop-rows").create(Map.of("rate", "0.5"));
    Table t = data();
    Table before = data();

    Table a = p.apply(t, 1, Seed.of(3));

    assertThat(p.apply(t, 1, Seed.of(3))).isEqualTo(a);
    assertThat(t).isEqualTo(before);
    assertThat(a.rowCount()).isBetween(25, 75);
    assertThat(p.apply(t, 0, Seed.of(3))).isEqualTo(t);
  }
}
