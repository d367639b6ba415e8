package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gauntlet.UserInputException;
import dev.gauntlet.spi.Parameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingOptionsTest {
  private static final List<Parameter> GAN = TrainingOptions.parameters("0.0002", "0.0002", "256");

  private static UserInputException refused(String key, String value) {
    return catchThrowableOfType(
        UserInputException.class, () -> TrainingOptions.parse("gan", GAN, Map.of(key, value)));
  }

  @Test
  void eachWholeNumberStatesItsOneLimitWhateverTheValue() {
    Map<String, String> limits =
        Map.of(
            "epochs", "auto or a whole number >= 1",
            "batch-size", "auto or a whole number >= 1",
            "steps", "a whole number >= 1",
            "max-modes", "a whole number from 1 to 100",
            "embedding", "a whole number from 1 to 4096",
            "hidden", "a whole number from 1 to 4096",
            "pac", "auto or a whole number from 1 to 64");
    for (Map.Entry<String, String> limit : limits.entrySet()) {
      String key = limit.getKey();
      List<String> values =
          limit.getValue().contains(" to ")
              ? List.of("-1", "0", "abc", "1.5", "100000")
              : List.of("-1", "0", "abc", "1.5");
      for (String value : values) {
        UserInputException e = refused(key, value);
        assertThat(e).as(key + "=" + value).isNotNull();
        assertThat(e.where()).isEqualTo("generator gan parameter " + key);
        assertThat(e.found()).isEqualTo("\"" + value + "\"");
        assertThat(e.expected()).isEqualTo(limit.getValue());
      }
    }
    for (String value : List.of("-1", "abc")) {
      assertThat(refused("patience", value).expected()).isEqualTo("a whole number >= 0");
    }
    assertThat(TrainingOptions.parse("gan", GAN, Map.of("patience", "0")).patience()).isZero();
    for (String value : List.of("-0.1", "0.6", "abc")) {
      assertThat(refused("validation", value).expected())
          .isEqualTo("a share from 0 to 0.5 such as 0.1");
    }
    assertThat(refused("check-every", "0").expected()).isEqualTo("a whole number >= 1");
    assertThat(TrainingOptions.parse("gan", GAN, Map.of("validation", "0")).validation()).isZero();
    assertThat(TrainingOptions.parse("gan", GAN, Map.of("epochs", "1")).epochs()).isEqualTo(1);
  }

  @Test
  void autoEpochsAndBatchFollowTheRowCountWithinTheStepBudget() {
    TrainingOptions auto = TrainingOptions.parse("gan", GAN, Map.of());
    // telco's 7,043 rows: batches of 500, 14 a pass, 300 passes (bench/deep.sh's figures)
    TrainingOptions telco = auto.forRows(7043);
    assertThat(telco.batchSize()).isEqualTo(500);
    assertThat(telco.epochs()).isEqualTo(300);
    // credit_g's training half: a tenth of the rows a batch, ten steps a pass, 420 passes
    TrainingOptions half = auto.forRows(500);
    assertThat(half.batchSize()).isEqualTo(50);
    assertThat(half.epochs()).isEqualTo(420);
    // iris's half: the smallest batch
    assertThat(auto.forRows(75).batchSize()).isEqualTo(30);
    // pac: a tenth of the batch, at most 10, so the critic sees at least ten packs a step
    assertThat(telco.pac()).isEqualTo(10);
    assertThat(half.pac()).isEqualTo(5);
    assertThat(auto.forRows(75).pac()).isEqualTo(3);
    // a given batch keeps its size and gets a pac that divides it; a given pac is kept
    assertThat(TrainingOptions.parse("gan", GAN, Map.of("batch-size", "70")).forRows(500).pac())
        .isEqualTo(7);
    assertThat(TrainingOptions.parse("gan", GAN, Map.of("batch-size", "37")).forRows(500).pac())
        .isEqualTo(1);
    TrainingOptions pac10 = TrainingOptions.parse("gan", GAN, Map.of("pac", "10")).forRows(500);
    assertThat(pac10.pac()).isEqualTo(10);
    assertThat(pac10.batchSize()).isEqualTo(50);
    // given values are kept
    TrainingOptions given =
        TrainingOptions.parse("gan", GAN, Map.of("epochs", "7", "batch-size", "20")).forRows(500);
    assertThat(given.epochs()).isEqualTo(7);
    assertThat(given.batchSize()).isEqualTo(20);
  }
}
