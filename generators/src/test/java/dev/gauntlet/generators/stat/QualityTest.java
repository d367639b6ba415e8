package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.CategoricalColumn;
import dev.gauntlet.data.Column;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.NumericColumn;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.CategoricalFidelity;
import dev.gauntlet.metrics.Correlations;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quality bar on the two example datasets with several numeric columns: 10,000 rows
 * from {@code gaussian-copula} reach column-shape scores of at least 0.85, and over the numeric
 * pairs with |r_real| ≥ 0.3 the mean |r_synth - r_real| is at most 0.1; {@code independent} fails
 * that pair test.
 */
class QualityTest {
  static final Path DATA = Path.of("..", "examples", "data");
  static final int ROWS = 10_000;

  /** Mean column-shape score: 1 - KS (numeric), 1 - TV distance (categorical). */
  static double shapes(Table real, Table synth) {
    double sum = 0;
    for (int c = 0; c < real.columnCount(); c++) {
      String name = real.schema().get(c).name();
      Column a = real.column(c);
      if (a instanceof NumericColumn n) {
        sum += 1 - ks(n.values(), synth.numeric(name).values());
      } else {
        sum +=
            CategoricalFidelity.of(text((CategoricalColumn) a), text(synth.categorical(name)))
                .shapeScore();
      }
    }
    return sum / real.columnCount();
  }

  /** The two-sample KS statistic (the exact p-value NumericFidelity adds is slow at this size). */
  static double ks(double[] a, double[] b) {
    return KolmogorovSmirnovTest.withDefaults().statistic(present(a), present(b));
  }

  static double[] present(double[] v) {
    return java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
  }

  static String[] text(CategoricalColumn c) {
    String[] out = new String[c.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = c.level(r);
    }
    return out;
  }

  /** Mean |r_synth - r_real| over numeric pairs with |r_real| >= 0.3, and how many there are. */
  static double[] strongPairError(Table real, Table synth) {
    var names = real.schema().names();
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        if (!(real.column(i) instanceof NumericColumn)
            || !(real.column(j) instanceof NumericColumn)) {
          continue;
        }
        double r =
            Correlations.pearson(
                real.numeric(names.get(i)).values(), real.numeric(names.get(j)).values());
        if (Math.abs(r) >= 0.3) {
          double s =
              Correlations.pearson(
                  synth.numeric(names.get(i)).values(), synth.numeric(names.get(j)).values());
          sum += Math.abs(s - r);
          pairs++;
        }
      }
    }
    return new double[] {sum / pairs, pairs};
  }

  static Table synth(String generator, Table real, long seed) {
    Generator g = Registry.generators().get(generator).fit(real, Map.of(), Seed.of(seed));
    return g.sample(Seed.of(seed), ROWS);
  }

  /**
   * Why the thresholds are safe with seed 1: with 10,000 synthetic rows against 1,000 (credit_g) or
   * 7,043 (telco) real ones, the KS statistic of two samples of one distribution is about 1.36
   * √(1/n + 1/m) ≈ 0.045 (credit) at the 5% level, and the tables add at most 0.001, so a faithful
   * marginal scores ~0.95 or more, well above 0.85. A correlation estimated from 10,000 rows has a
   * standard error of about (1 - r²)/√n ≤ 0.01, ten times below the 0.1 bound. The measured values
   * are printed; they were 0.96-0.99 and 0.01-0.03 when this test was written.
   */
  @ParameterizedTest
  @ValueSource(strings = {"telco_churn.csv", "credit_g.csv"})
  void copulaKeepsShapesAndStrongCorrelationsAndIndependentLosesThem(String file) {
    Table real = Csv.read(DATA.resolve(file));
    Table copula = synth(GaussianCopulaProvider.NAME, real, 1);
    Table independent = synth(IndependentProvider.NAME, real, 1);

    double shapes = shapes(real, copula);
    double[] pairs = strongPairError(real, copula);
    double[] independentPairs = strongPairError(real, independent);
    System.out.printf(
        "%s: copula shapes %.4f, strong pairs %d, mean |dr| copula %.4f, independent %.4f%n",
        file, shapes, (int) pairs[1], pairs[0], independentPairs[0]);

    assertThat(pairs[1]).as("numeric pairs with |r| >= 0.3").isGreaterThan(0);
    assertThat(shapes).isGreaterThanOrEqualTo(0.85);
    assertThat(shapes(real, independent)).isGreaterThanOrEqualTo(0.85);
    assertThat(pairs[0]).isLessThanOrEqualTo(0.1);
    // independent draws have r ≈ 0, so they miss by about the real |r| (≥ 0.3) on every pair
    assertThat(independentPairs[0]).isGreaterThan(0.2).isGreaterThan(pairs[0] + 0.1);
  }
}
