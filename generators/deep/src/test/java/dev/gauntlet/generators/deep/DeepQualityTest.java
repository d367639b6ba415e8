package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quality targets at default settings (300 epochs) on the whole telco data: quality
 * score >= 0.85 and at most 1 % exact copies of training rows. Slow (minutes): run with -Pslow.
 * Seed 2026, as bench/deep.sh.
 */
@Tag("slow")
class DeepQualityTest {

  @ParameterizedTest
  @ValueSource(strings = {"vae", "gan"})
  void meetsTheQualityAndPrivacyTargets(String name) {
    Table real = Csv.read(Path.of("../../examples/data/telco_churn.csv"));
    Seed seed = Seed.of(2026);
    Generator g = Registry.generators().get(name).fit(real, Map.of("progress", "false"), seed);
    Table synth = g.sample(seed.derive("bench-sample"), real.rowCount());
    assertThat(Fidelity.compare(real, synth).qualityScore())
        .as("quality, seed 2026")
        .isGreaterThanOrEqualTo(0.85);
    assertThat(Privacy.of(real, synth, 2000, seed).exactCopyShare())
        .as("exact-copy share, seed 2026")
        .isLessThanOrEqualTo(0.01);
  }
}
