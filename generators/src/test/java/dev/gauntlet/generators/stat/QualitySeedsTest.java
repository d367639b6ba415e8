package dev.gauntlet.generators.stat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The quality bar of {@link QualityTest} on more seeds and on every example dataset (slow: run with
 * -Pslow). It checks that the margins in QualityTest are not luck of seed 1: the shape bound (0.85)
 * and the strong-pair bound (0.1) must hold for seeds 1 to 5.
 */
@Tag("slow")
class QualitySeedsTest {

  @Test
  void theBarHoldsForFiveSeeds() {
    for (String file : List.of("telco_churn.csv", "credit_g.csv")) {
      Table real = Csv.read(QualityTest.DATA.resolve(file));
      for (long seed = 1; seed <= 5; seed++) {
        Table synth = QualityTest.synth(GaussianCopulaProvider.NAME, real, seed);
        double shapes = QualityTest.shapes(real, synth);
        double[] pairs = QualityTest.strongPairError(real, synth);
        System.out.printf(
            "%s seed %d: shapes %.4f, strong pairs |dr| %.4f%n", file, seed, shapes, pairs[0]);
        assertThat(shapes).as("%s seed %d", file, seed).isGreaterThanOrEqualTo(0.85);
        assertThat(pairs[0]).as("%s seed %d", file, seed).isLessThanOrEqualTo(0.1);
      }
    }
  }

  @Test
  void everyExampleDatasetKeepsItsColumnShapes() throws Exception {
    try (var files = Files.list(QualityTest.DATA)) {
      for (Path csv : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
        Table real = Csv.read(csv);
        double shapes =
            QualityTest.shapes(real, QualityTest.synth(GaussianCopulaProvider.NAME, real, 1));
        System.out.printf("%s: shapes %.4f%n", csv.getFileName(), shapes);
        assertThat(shapes).as(csv.toString()).isGreaterThanOrEqualTo(0.85);
      }
    }
  }
}
