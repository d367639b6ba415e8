package dev.gauntlet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Story 2 with small training budgets (the README's command trains the deep generators fully and
 * draws 10,000 rows each): 2,000 rows per generator, 10 epochs for the VAE and the GAN (the
 * scenario version, ScarceDataScenarioTest, trains them further).
 */
class ScarceDataTest {

  @Test
  void threeGeneratorsSideBySideOnThreeHundredRows() {
    Seed seed = Seed.of(0);
    Map<String, Map<String, String>> generators = new LinkedHashMap<>();
    generators.put("gaussian-copula", Map.of());
    generators.put("vae", Map.of("epochs", "10", "progress", "false"));
    generators.put("gan", Map.of("epochs", "10", "progress", "false"));
    ScarceData.Result r =
        ScarceData.run(Path.of("data", "telco_churn.csv"), generators, 2000, seed);
    assertThat(r.figures())
        .extracting(ScarceData.Figures::generator)
        .containsExactly("gaussian-copula", "vae", "gan");
    // logistic regression on 300 telco rows, judged on the other 6,743 (s.e. below 0.01)
    assertThat(r.balancedAccuracyReal()).as("seed = %s", seed).isBetween(0.6, 0.8);
    for (ScarceData.Figures f : r.figures()) {
      assertThat(f.qualityScore()).as(f.generator()).isBetween(0.3, 1.0);
      assertThat(f.utility().holdoutRows()).isEqualTo(7043 - 300);
      assertThat(f.utility().accuracyRealTrained())
          .isEqualTo(r.figures().get(0).utility().accuracyRealTrained());
    }
    // the copula keeps marginals and pairwise dependence: its rows score well on fidelity and
    // train a model within 10 points of the real rows' (a generous bound: 300 training rows)
    ScarceData.Figures copula = r.figures().get(0);
    assertThat(copula.qualityScore()).as("seed = %s", seed).isGreaterThan(0.75);
    assertThat(copula.utility().accuracySyntheticTrained())
        .isGreaterThan(copula.utility().accuracyRealTrained() - 0.1);
    // balancing the classes with the copula's churners raises balanced accuracy (the model no
    // longer leans on the majority class)
    assertThat(copula.balancedAccuracyAugmented()).isGreaterThan(r.balancedAccuracyReal());
  }
}
