package dev.gauntlet.model.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorLayoutTest {
  static TensorLayout layout(Map<String, String> params) {
    return TensorLayout.of(params, List.of());
  }

  @Test
  void encodesNumbersOneHotAndCodesInTheDeclaredOrder() {
    TensorLayout layout =
        layout(
            Map.of(
                "inputs", "age, colour, size",
                "one-hot.colour", "red | green | blue",
                "codes.size", "S|M|L",
                "classes", "no, yes"));
    assertThat(layout.width()).isEqualTo(5);
    Table t =
        Table.builder()
            .categorical("size", "L", "S")
            .numeric("age", 30, 41.5)
            .categorical("colour", "blue", "red")
            .build();
    assertThat(layout.encode(t, 0, 2, "m"))
        .containsExactly(30f, 0f, 0f, 1f, 2f, 41.5f, 1f, 0f, 0f, 0f);
    assertThat(layout.encode(t, 1, 2, "m")).containsExactly(41.5f, 1f, 0f, 0f, 0f);
  }

  @Test
  void anUndeclaredLevelIsAUserErrorNamingColumnRowAndLevel() {
    TensorLayout layout =
        layout(Map.of("inputs", "colour", "one-hot.colour", "red|green", "classes", "a,b"));
    Table t = Table.builder().categorical("colour", "red", "mauve").build();
    assertThatThrownBy(() -> layout.encode(t, 0, 2, "model x"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("model x, input \"colour\", row 2")
        .hasMessageContaining("\"mauve\"");
  }

  @Test
  void anEncodingOfAColumnNotAmongTheInputsIsRefused() {
    assertThatThrownBy(() -> layout(Map.of("inputs", "a", "codes.b", "x|y", "classes", "p, q")))
        .isInstanceOf(FieldException.class)
        .hasMessageContaining("codes.b");
  }

  @Test
  void aCategoricalColumnWithoutEncodingIsRefusedBeforeAnyCall() {
    TensorLayout layout = layout(Map.of("inputs", "colour", "classes", "a,b"));
    Table t = Table.builder().categorical("colour", "red").build();
    assertThatThrownBy(() -> layout.check(t, "m"))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("one-hot.colour");
  }

  @Test
  void probabilitiesPassWithinTheToleranceAndClampIntoZeroOne() {
    TensorLayout layout = layout(Map.of("inputs", "a", "classes", "x, y"));
    // float32 rounding: 0.3f + 0.7f is 1 within 1e-7, far inside the default 1e-4
    double[] p = layout.probabilities(new float[] {0.3f, 0.7f, 1.00001f, -0.00001f}, 2, "m", 0);
    assertThat(p[0]).isEqualTo(0.3f);
    assertThat(p[2]).isEqualTo(1.0);
    assertThat(p[3]).isEqualTo(0.0);
  }

  @Test
  void aRowThatIsNotProbabilitiesNamesTheModelAndTheDataRow() {
    TensorLayout layout = layout(Map.of("inputs", "a", "classes", "x, y"));
    assertThatThrownBy(
            () -> layout.probabilities(new float[] {0.5f, 0.5f, 0.5f, 0.6f}, 2, "model m", 10))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("model m, row 12")
        .hasMessageContaining("summing to 1.1");
    assertThatThrownBy(() -> layout.probabilities(new float[] {1.5f, -0.5f}, 1, "model m", 0))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("outside [0, 1]")
        .hasMessageContaining("scores: logits");
  }

  @Test
  void logitsGoThroughASoftmax() {
    TensorLayout layout = layout(Map.of("inputs", "a", "classes", "x, y", "scores", "logits"));
    double[] p = layout.probabilities(new float[] {0f, (float) Math.log(3)}, 1, "m", 0);
    assertThat(p[0]).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-7));
    assertThat(p[1]).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-7));
  }

  @Test
  void decodeInvertsEncodeAndRefusesATensorWithoutALevel() {
    TensorLayout layout =
        layout(
            Map.of(
                "inputs", "age, colour, size",
                "one-hot.colour", "red | green | blue",
                "codes.size", "S|M|L",
                "classes", "no, yes"));
    Table t =
        Table.builder()
            .numeric("age", 30, 41.5)
            .categorical("colour", "blue", "red")
            .categorical("size", "L", "S")
            .build();
    assertThat(layout.decode(layout.encode(t, 0, 2, "m"), 2)).isEqualTo(t);
    float[] twoHot = {30f, 1f, 1f, 0f, 0f};
    assertThatThrownBy(() -> layout.decode(twoHot, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1, input \"colour\"");
  }

  @Test
  void sharedKeepsTheLayoutsKeysAndIgnoresAnAdaptersOwn() {
    TensorLayout layout =
        TensorLayout.shared(
            Map.of("file", "m.onnx", "url", "http://x", "inputs", "a, b", "classes", "p, q"));
    assertThat(layout.width()).isEqualTo(2);
    assertThat(layout.classes()).containsExactly("p", "q");
  }
}
