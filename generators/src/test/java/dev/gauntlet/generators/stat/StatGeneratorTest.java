package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorFiles;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatGeneratorTest {
  @TempDir Path dir;

  /** 2,000 rows: a normal, a gamma, a 2-decimal price with 10% missing, a 0/1 flag, a category. */
  static Table sample() {
    UniformRandomProvider rng = Seed.of(5).rng();
    var gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    var gamma = AhrensDieterMarsagliaTsangGammaSampler.of(rng, 2, 3);
    int n = 2000;
    double[] normal = new double[n];
    double[] skewed = new double[n];
    double[] price = new double[n];
    double[] flag = new double[n];
    String[] kind = new String[n];
    for (int i = 0; i < n; i++) {
      normal[i] = 10 + 2 * gauss.sample();
      skewed[i] = gamma.sample();
      price[i] = rng.nextDouble() < 0.1 ? Double.NaN : Math.rint(rng.nextDouble() * 10000) / 100;
      flag[i] = normal[i] > 11 ? 1 : 0;
      kind[i] = flag[i] == 1 ? "high" : rng.nextDouble() < 0.5 ? "low" : "mid";
    }
    return Table.builder()
        .numeric("normal", normal)
        .numeric("skewed", skewed)
        .numeric("price", price)
        .numeric("flag", flag)
        .categorical("kind", kind)
        .build();
  }

  @Test
  void marginalsKeepFamilyRangeDecimalsAndMissingRate() {
    StatGenerator g =
        (StatGenerator)
            Registry.generators().get("independent").fit(sample(), Map.of(), Seed.of(1));
    var models = g.columns();
    var normal = (ColumnModel.Numeric) models.get(0);
    assertThat(normal.distribution())
        .isInstanceOfAny(Distribution.Normal.class, Distribution.TruncatedNormal.class);
    assertThat(((ColumnModel.Numeric) models.get(1)).distribution())
        .isInstanceOf(Distribution.Gamma.class);
    var price = (ColumnModel.Numeric) models.get(2);
    assertThat(price.decimals()).isEqualTo(2);
    assertThat(price.missingRate()).isBetween(0.08, 0.12);
    assertThat(((ColumnModel.Numeric) models.get(3)).decimals()).isZero();

    Table t = g.sample(Seed.of(2), 20_000);
    double[] p = t.numeric("price").values();
    long missing = Arrays.stream(p).filter(Double::isNaN).count();
    assertThat(missing / 20_000.0).isBetween(0.08, 0.12);
    assertThat(Arrays.stream(p).filter(v -> !Double.isNaN(v)))
        .allMatch(v -> v >= price.min() && v <= price.max() && Math.rint(v * 100) / 100 == v);
    assertThat(Arrays.stream(t.numeric("flag").values())).allMatch(v -> v == 0 || v == 1);
    assertThat(t.categorical("kind").levels()).containsExactly("high", "low", "mid");
  }

  @Test
  void savedModelsDrawTheSameRowsAndCsvBytes() throws Exception {
    for (String name : new String[] {"independent", "gaussian-copula"}) {
      Generator g = Registry.generators().get(name).fit(sample(), Map.of(), Seed.of(1));
      Path file = dir.resolve(name + ".json");
      GeneratorFiles.save(g, file);
      Generator back = GeneratorFiles.load(file);
      assertThat(back.name()).isEqualTo(name);
      Table a = g.sample(Seed.of(9), 25_000);
      Table b = back.sample(Seed.of(9), 25_000);
      assertThat(Csv.formatRows(b)).isEqualTo(Csv.formatRows(a));
      assertThat(g.sample(Seed.of(10), 100)).isNotEqualTo(g.sample(Seed.of(9), 100));
    }
  }

  /**
   * The tabulated quantile function adds at most 1/4096 (uniform draws) or 0.00083 (normal scores)
   * to the KS distance; 200,000 exact-model draws have a KS sampling spread of about 1.36/√200000 =
   * 0.003 (95%), so 0.006 bounds both with room to spare.
   */
  @Test
  void tablesFollowTheExactDistribution() {
    var gamma = new Distribution.Gamma(0.7, 2, 1);
    var model = ColumnModel.Numeric.of("x", gamma).withBounds(1.0, 1e9);
    Table t =
        new Engine(StatGenerator.schemaOf(java.util.List.of(model)), java.util.List.of(model), null)
            .sample(200_000, Seed.of(3));
    double[] x = t.numeric("x").values();
    Arrays.sort(x);
    assertThat(Fitting.ks(x, gamma)).isLessThan(0.006);
    Table c =
        new Engine(
                StatGenerator.schemaOf(java.util.List.of(model)),
                java.util.List.of(model),
                new double[][] {{1}})
            .sample(200_000, Seed.of(3));
    double[] y = c.numeric("x").values();
    Arrays.sort(y);
    assertThat(Fitting.ks(y, gamma)).isLessThan(0.006);
  }

  @Test
  void theCopulaKeepsACorrelationThatIndependentLoses() {
    Table real = sample();
    for (String name : new String[] {"gaussian-copula", "independent"}) {
      Table t =
          Registry.generators()
              .get(name)
              .fit(real, Map.of(), Seed.of(1))
              .sample(Seed.of(4), 20_000);
      double r =
          dev.gauntlet.metrics.Correlations.pearson(
              t.numeric("normal").values(), t.numeric("flag").values());
      double target =
          dev.gauntlet.metrics.Correlations.pearson(
              ((NumericColumn) real.column("normal")).values(), real.numeric("flag").values());
      if (name.equals("independent")) {
        assertThat(r).isBetween(-0.05, 0.05);
      } else {
        assertThat(r).isBetween(target - 0.03, target + 0.03);
      }
    }
  }
}
