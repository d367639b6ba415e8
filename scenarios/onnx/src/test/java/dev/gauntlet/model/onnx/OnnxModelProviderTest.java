package dev.gauntlet.model.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelProviderTest {
  static final String INPUTS = "sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm";

  static Path models() {
    try {
      return Path.of(OnnxModelProviderTest.class.getResource("/models/iris_lr.onnx").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> irisParams() {
    Map<String, String> p = new HashMap<>();
    p.put("file", "iris_lr.onnx");
    p.put("inputs", INPUTS);
    p.put("classes", "setosa, versicolor, virginica");
    return p;
  }

  static ModelHandle open(Map<String, String> params) {
    return Registry.models()
        .get("onnx")
        .open(new ModelRequest("species", params, Seed.of(1), models()));
  }

  @Test
  void reproducesScikitLearnsProbabilitiesOnEveryIrisRow() {
    Table iris = Csv.read(models().resolve("iris.csv"));
    Table expected = Csv.read(models().resolve("iris_lr_predictions.csv"));
    Map<String, String> params = irisParams();
    params.put("batch-size", "7"); // several batches and a short last one
    try (ModelHandle handle = open(params)) {
      assertThat(handle.capabilities())
          .contains(ModelCapability.PROBABILITIES, ModelCapability.THREAD_SAFE)
          .doesNotContain(ModelCapability.RETRAINABLE, ModelCapability.INPUT_GRADIENTS);
      Classifier model = handle.fit(iris);
      ClassProbabilities p = model.predictProba(iris);
      assertThat(p.rows()).isEqualTo(150);
      String[] names = {"p_setosa", "p_versicolor", "p_virginica"};
      for (int r = 0; r < 150; r++) {
        for (int c = 0; c < 3; c++) {
          // the graph computes in float32; the reference is scikit-learn's float64
          assertThat(p.get(r, c))
              .as("row %d class %d", r, c)
              .isCloseTo(
                  expected.numeric(names[c]).get(r), org.assertj.core.data.Offset.offset(1e-5));
        }
      }
    }
  }

  @Test
  void aDeclaredInputWidthThatDiffersFromTheFileIsRefusedWhenItOpens() {
    Map<String, String> params = irisParams();
    params.put("inputs", "sepal_length_cm, sepal_width_cm, petal_length_cm");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("iris_lr.onnx")
        .hasMessageContaining("input \"input\"")
        .hasMessageContaining("[N, 3]");
  }

  @Test
  void aClassListOfTheWrongWidthIsRefusedWhenItOpens() {
    Map<String, String> params = irisParams();
    params.put("classes", "setosa, other");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("output \"probabilities\"")
        .hasMessageContaining("[N, 2]");
  }

  @Test
  void anUnknownOutputNameListsTheOutputs() {
    Map<String, String> params = irisParams();
    params.put("output", "label");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no output named \"label\"")
        .hasMessageContaining("[probabilities]");
  }

  @Test
  void probabilitiesReadAsLogitsAreStillProbabilitiesButDiffer() {
    // softmax of probabilities is a valid distribution, flatter than the input: proves the flag
    // acts
    Table iris = Csv.read(models().resolve("iris.csv"));
    Map<String, String> params = irisParams();
    params.put("scores", "logits");
    try (ModelHandle handle = open(params)) {
      ClassProbabilities p = handle.fit(iris).predictProba(iris);
      assertThat(p.get(0, 0)).isLessThan(0.6).isGreaterThan(1.0 / 3);
    }
  }

  @Test
  void aMissingFileAndAFileThatIsNotOnnxAreUserErrors(@TempDir Path dir) throws Exception {
    Map<String, String> params = irisParams();
    params.put("file", dir.resolve("none.onnx").toString());
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("no such file");
    Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
    params.put("file", junk.toString());
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("junk.onnx")
        .hasMessageContaining("ONNX Runtime cannot load");
  }

  @Test
  void aMissingInputColumnOrValueIsAUserErrorNamingTheRow() {
    Table iris = Csv.read(models().resolve("iris.csv"));
    try (ModelHandle handle = open(irisParams())) {
      Classifier model = handle.fit(iris);
      assertThatThrownBy(() -> model.predictProba(iris.drop("petal_width_cm")))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("\"petal_width_cm\", which the data lacks");
      double[] widths = iris.numeric("petal_width_cm").values();
      widths[4] = Double.NaN;
      Table holed =
          iris.withColumn(
              iris.schema().spec("petal_width_cm"), dev.gauntlet.data.NumericColumn.of(widths));
      assertThatThrownBy(() -> model.predictProba(holed))
          .isInstanceOf(UserInputException.class)
          .hasMessageContaining("row 5")
          .hasMessageContaining("a missing value");
    }
  }

  @Test
  void anUnknownParameterIsAFieldErrorNamingIt() {
    Map<String, String> params = irisParams();
    params.put("batchsize", "3");
    assertThatThrownBy(() -> open(params))
        .isInstanceOf(FieldException.class)
        .hasMessageContaining("batchsize");
  }
}
