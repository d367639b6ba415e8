package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gauntlet.random.Seed;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The tensor layouts the networks train through, checked against plain Java arithmetic. */
class LayoutTest {

  /** A tanh scalar, spans of 3, 1 and 4 levels, another scalar: 10 encoded columns. */
  private static final List<DataTransform.Span> SPANS =
      List.of(
          new DataTransform.Span(0, 1, true),
          new DataTransform.Span(1, 3, false),
          new DataTransform.Span(4, 1, false),
          new DataTransform.Span(5, 4, false),
          new DataTransform.Span(9, 1, true));

  @Test
  void slotsFirstLogSoftmaxIsEachSpansOwn() {
    int rows = 7;
    int width = 10;
    UniformRandomProvider rng = Seed.of(5).rng("layout", 0);
    float[] x = new float[rows * width];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (20 * rng.nextDouble() - 10);
    }
    Segments seg = Segments.of(width, SPANS);
    try (NDManager m = Torch.newManager()) {
      NDArray block =
          Segments.slotsFirst(m.create(x, new Shape(rows, width)), seg.slotsFirst(m)).logSoftmax(0);
      assertThat(block.getShape()).isEqualTo(new Shape(4, 3 * rows));
      float[] got = block.toFloatArray();
      int j = 0;
      for (DataTransform.Span s : SPANS) {
        if (s.tanh()) {
          continue;
        }
        for (int r = 0; r < rows; r++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < s.length(); i++) {
            max = Math.max(max, x[r * width + s.start() + i]);
          }
          double sum = 0;
          for (int i = 0; i < s.length(); i++) {
            sum += Math.exp(x[r * width + s.start() + i] - max);
          }
          for (int i = 0; i < s.length(); i++) {
            double expected = x[r * width + s.start() + i] - max - Math.log(sum);
            // float32 log-softmax of logits within +-10: a few ulps of values below 25
            assertThat(got[i * 3 * rows + j * rows + r]).isCloseTo((float) expected, within(1e-5f));
          }
          // padded slots get no probability at all
          for (int i = s.length(); i < 4; i++) {
            assertThat(Math.exp(got[i * 3 * rows + j * rows + r])).isZero();
          }
        }
        j++;
      }
    }
  }

  @Test
  void clipChangesOnlyTheNamedWeightsInPlace() {
    Params p = new Params();
    p.put("w", new float[] {-3, 0.5f, 7, 2}, 2, 2);
    p.put("sigma", new float[] {0.001f, 0.3f, 5}, 3);
    p.put("b", new float[] {-1, 9}, 2);
    try (NDManager m = Torch.newManager()) {
      Flat flat = new Flat(m, p, List.of("w", "sigma", "b"), "t", true);
      flat.clip("sigma", 0.01, 1.0);
      flat.clip("sigma", 0.01, 1.0);
      flat.readBack(p);
    }
    assertThat(p.get("sigma")).containsExactly(0.01f, 0.3f, 1f);
    assertThat(p.get("w")).containsExactly(-3, 0.5f, 7, 2);
    assertThat(p.get("b")).containsExactly(-1, 9);
  }
}
