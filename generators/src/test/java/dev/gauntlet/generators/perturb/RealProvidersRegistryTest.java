package dev.gauntlet.generators.perturb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.generators.stat.GaussianCopulaProvider;
import dev.gauntlet.spi.Named;
import dev.gauntlet.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * The registry finds the shipped providers through their service files (the framework's own
 * RegistryTest sees only its test-only providers): a provider left out of META-INF/services, or a
 * renamed one, fails here.
 */
class RealProvidersRegistryTest {

  @Test
  void theShippedPerturbationsAreFoundByNameInOrder() {
    assertThat(Registry.perturbations().names())
        .containsExactly(
            "backdoor",
            "concept-drift",
            "concept-shift",
            "covariate-shift",
            "duplicates",
            "gaussian-noise",
            "label-flip",
            "label-leak",
            "missing",
            "multiplicative-noise",
            "outliers",
            "prior-shift",
            "rotation",
            "selection-bias",
            "swap-columns",
            "typos",
            "unit-error");
    assertThat(Registry.perturbations().get("gaussian-noise"))
        .isInstanceOf(Corruption.GaussianNoise.class);
    assertThat(Registry.perturbations().all()).extracting(Named::name).contains("missing");
  }

  @Test
  void theStatisticalGeneratorsAreFoundByName() {
    assertThat(Registry.generators().names())
        .containsExactly("auto", "gaussian-copula", "independent", "world");
    assertThat(Registry.generators().get("gaussian-copula"))
        .isInstanceOf(GaussianCopulaProvider.class);
  }
}
