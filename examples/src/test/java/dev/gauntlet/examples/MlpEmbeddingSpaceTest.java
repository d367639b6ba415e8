package dev.gauntlet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MlpEmbeddingSpaceTest {

  @Test
  void attacksTurnRowsAndAShiftShowsInTheModelsOwnEmbedding() {
    Seed seed = Seed.of(0);
    MlpEmbeddingSpace.Result r = MlpEmbeddingSpace.run(Path.of("data", "credit_g.csv"), seed);
    assertThat(r.units()).isEqualTo(16);
    // an MLP on credit_g lands near logistic regression's 0.75; 300 rows, s.e. about 0.025
    assertThat(r.cleanAccuracy()).as("seed = %s", seed).isBetween(0.65, 0.82);
    // PGD searches the budget FGSM takes one step in; at seed 0 it turns 68 rows of 300 against
    // FGSM's 65 (both from the same fixed seeds, so the order is reproducible)
    assertThat(r.pgd().successRate()).isGreaterThanOrEqualTo(r.fgsm().successRate());
    assertThat(r.fgsm().successRate()).isGreaterThan(0);
    // a 1.5-std shift of two inputs moves the embedding far more than sampling does: Fréchet 2.27
    // against 0.18 between the clean halves, 9 of 16 units drifted against 0 at seed 0
    assertThat(r.frechetShifted()).as("seed = %s", seed).isGreaterThan(3 * r.frechetClean());
    assertThat(r.driftedUnitsShifted()).isGreaterThan(r.driftedUnitsClean());
  }
}
