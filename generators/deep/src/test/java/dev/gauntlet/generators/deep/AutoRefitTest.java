package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code auto}'s refitted winner is the model the winner alone makes at the same seed, so auto's
 * rows are the winner's rows and its figures the winner's (issue 19: auto no more than 0.01 below
 * the best single generator). A VAE's weights depend on its seed, so a refit at another seed would
 * make other rows. 20 rows of iris: auto passes no budget to its candidates, and on 20 rows the
 * default 4,200 steps are one row batch each. Slow (three VAE fits of 4,200 steps, minutes under
 * load): run with -Pslow.
 */
@Tag("slow")
class AutoRefitTest {
  @Test
  void theRefittedWinnerIsTheWinnersOwnModelAtTheSameSeed() {
    Table iris = Csv.read(Path.of("../../examples/data/iris.csv"));
    Table sample = iris.take(IntStream.range(0, 150).filter(i -> i % 15 < 2).toArray());
    Seed seed = Seed.of(5);
    var auto =
        Registry.generators()
            .get("auto")
            .fit(sample, Map.of("candidates", "vae", "progress", "false"), seed);
    var alone = Registry.generators().get("vae").fit(sample, Map.of("progress", "false"), seed);
    assertThat(auto.state()).isEqualTo(alone.state());
  }
}
