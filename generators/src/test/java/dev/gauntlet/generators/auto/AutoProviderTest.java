package dev.gauntlet.generators.auto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import java.util.List;
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
    assertThat(copula.quality() - independent.quality()).isGreaterThan(0.01);
    assertThat(copula.verdict()).startsWith("kept: ").contains("more than the 0.010 margin");
    assertThat(independent.verdict()).startsWith("not kept");
    assertThat(c.describe().get(0)).contains("kept gaussian-copula");
  }

  @Test
  void aBetterLaterCandidateWithinTheMarginLeavesTheFirstKept() {
    // the same fits as above (same seed), with a margin wider than the copula's lead
    AutoProvider.Choice c =
        new AutoProvider()
            .choose(
                IRIS,
                Map.of(
                    "candidates", "independent,gaussian-copula", "refit", "false", "margin", "1"),
                Seed.of(19),
                null);
    assertThat(c.winner().name()).isEqualTo("independent");
    assertThat(c.candidates().get(0).verdict()).startsWith("kept: the preferred candidate");
    assertThat(c.candidates().get(1).verdict())
        .startsWith("not kept: ")
        .endsWith("above independent, within the 1.000 margin");
  }

  @Test
  void theFirstPassingCandidateIsKeptUnlessAnotherBeatsItByMoreThanTheMargin() {
    // the wine figures of the last stop: vae 0.006 above the copula on 53 held-out rows
    List<AutoProvider.Candidate> wine =
        List.of(
            candidate("gaussian-copula", 0.882, 0),
            candidate("vae", 0.888, 0),
            candidate("gan", 0.718, 0));
    assertThat(AutoProvider.pick(wine, 0, 0.01)).isZero();
    assertThat(AutoProvider.pick(wine, 0, 0.005)).isEqualTo(1);
    List<AutoProvider.Candidate> clearWin =
        List.of(
            candidate("gaussian-copula", 0.882, 0),
            candidate("vae", 0.890, 0),
            candidate("gan", 0.905, 0));
    assertThat(AutoProvider.pick(clearWin, 0, 0.01)).isEqualTo(2);
    // a copier is never kept, however good: the next passing candidate is the preferred one
    List<AutoProvider.Candidate> copier =
        List.of(
            candidate("gaussian-copula", 0.95, 0.20),
            candidate("vae", 0.85, 0.01),
            candidate("gan", 0.855, 0.02));
    assertThat(AutoProvider.pick(copier, 0.01, 0.01)).isEqualTo(1);
    assertThat(AutoProvider.pick(List.of(candidate("vae", 0.9, 0.5)), 0.01, 0.01)).isEqualTo(-1);
  }

  private static AutoProvider.Candidate candidate(String name, double quality, double copies) {
    return new AutoProvider.Candidate(name, quality, copies, 1, "");
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
