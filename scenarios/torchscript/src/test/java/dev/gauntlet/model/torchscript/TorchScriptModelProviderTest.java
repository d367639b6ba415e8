package dev.gauntlet.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptModelProviderTest {
  static Path models() {
    try {
      return Path.of(
              TorchScriptModelProviderTest.class.getResource("/models/credit_mlp.pt").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> creditParams() {
    Map<String, String> p = new HashMap<>();
    p.put("file", "credit_mlp.pt");
    p.put("inputs", "duration, credit_amount, age, checking_status");
    p.put("one-hot.checking_status", "<0 | 0<=X<200 | >=200 | no checking");
    p.put("classes", "bad, good");
    return p;
  }

  static ModelHandle open(Map<String, String> params) {
    return Registry.models()
        .get("torchscript")
        .open(new ModelRequest("class", params, Seed.of(1), models()));
  }

  @Test
  void reproducesPyTorchsProbabilitiesOnEveryCreditRow() {
    Table credit = Csv.read(models().resolve("credit_g.csv"));
    Table expected = Csv.read(models().resolve("credit_mlp_predictions.csv"));
    Map<String, String> params = creditParams();
    params.put("batch-size", "300"); // several batches and a short last one
    try (ModelHandle handle = open(params)) {
      assertThat(handle.capabilities())
          .contains(
              ModelCapability.PROBABILITIES,
              ModelCapability.THREAD_SAFE,
              ModelCapability.INPUT_GRADIENTS)
          .doesNotContain(ModelCapability.RETRAINABLE);
      ClassProbabilities p = handle.fit(credit).predictProba(credit);
      assertThat(p.rows()).isEqualTo(1000);
      for (int r = 0; r < 1000; r++) {
        // both sides float32 (PyTorch 1.13 there, libtorch 2.7.1 here)
        assertThat(p.get(r, 0))
            .as("row %d", r)
            .isCloseTo(expected.numeric("p_bad").get(r), Offset.offset(1e-5));
        assertThat(p.get(r, 1))
            .as("row %d", r)
            .isCloseTo(expected.numeric("p_good").get(r), Offset.offset(1e-5));
      }
    }
  }

  @Test
  void aMappingOfTheWrongWidthIsRefusedByTheOneRowProbe() {
    Map<String, String> params = creditParams();
    params.put("one-hot.checking_status", "<0 | 0<=X<200 | >=200");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("credit_mlp.pt (inputs)")
        .hasMessageContaining("fails on one row of 6 values");
  }

  @Test
  void aClassListOfTheWrongWidthIsRefused() {
    Map<String, String> params = creditParams();
    params.put("classes", "bad, good, unsure");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("credit_mlp.pt (output)")
        .hasMessageContaining("(1, 3)");
  }

  @Test
  void aFileThatIsNotTorchScriptIsAUserError(@TempDir Path dir) throws Exception {
    Map<String, String> params = creditParams();
    Path junk = Files.writeString(dir.resolve("junk.pt"), "not a model");
    params.put("file", junk.toString());
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("junk.pt")
        .hasMessageContaining("libtorch cannot load");
  }
}
