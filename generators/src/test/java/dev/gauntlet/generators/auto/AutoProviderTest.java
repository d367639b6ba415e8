package dev.gauntlet.generators.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoProviderTest {
  private static final Table IRIS = Csv.read(Path.of("../examples/data/iris.csv"));

  @Test
  void keepsTheCandidateThatScoresBestOnHeldOutRows() {
    // iris' measurements are strongly correlated (|r| up to 0.96): the copula keeps the pair
    // trends, the independent generator loses them, so its quality on held-out rows is lower by
    // far more than seed noise on 45 rows
    AutoProvider.Choice c =
        new AutoProvider()
            .choose(
                IRIS,
                Map.of("candidates", "independent,gaussian-copula", "refit", "false"),
                Seed.of(19),
                null);
    assertThat(c.winner().name()).isEqualTo("gaussian-copula");
    assertThat(c.candidates())
        .extracting(AutoProvider.Candidate::name)
        .containsExactly("independent", "gaussian-copula");
    AutoProvider.Candidate independent = c.candidates().get(0);
    AutoProvider.Candidate copula = c.candidates().get(1);
    assertThat(copula.quality()).isGreaterThan(independent.quality());
    assertThat(copula.verdict()).startsWith("kept");
    assertThat(independent.verdict()).startsWith("not kept");
    assertThat(c.describe().get(0)).contains("kept gaussian-copula");
  }

  @Test
  void aBudgetOfNoTimeStillFitsTheFirstCandidateAndSkipsTheRest() {
    AutoProvider.Choice c =
        new AutoProvider()
            .choose(
                IRIS,
                Map.of("candidates", "gaussian-copula,independent", "time-budget", "0"),
                Seed.of(19),
                null);
    assertThat(c.winner().name()).isEqualTo("gaussian-copula");
    assertThat(c.candidates().get(1).verdict()).startsWith("skipped");
  }

  @Test
  void anUnknownParameterIsOneUserError() {
    assertThatThrownBy(() -> new AutoProvider().fit(IRIS, Map.of("epochs", "3"), Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("epochs");
  }

  @Test
  void aValueOutOfRangeOrNotABooleanIsOneUserErrorNamingTheParameter() {
    assertThatThrownBy(() -> new AutoProvider().fit(IRIS, Map.of("holdout", "0.9"), Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("generator auto parameter holdout")
        .hasMessageContaining("0.9");
    assertThatThrownBy(() -> new AutoProvider().fit(IRIS, Map.of("refit", "yes"), Seed.of(1)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("generator auto parameter refit")
        .hasMessageContaining("true or false");
  }
}
