package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Differentiable.InputGradient;
import dev.gauntlet.random.Seed;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MlpClassifierTest {

  /**
   * The autograd gradient of a tiny MLP matches central differences of its own loss. Both run in
   * float64, so with h = 1e-6 the truncation error (order h^2) and the rounding error (order 1e-16
   * / h = 1e-10) are far below 1e-3; the tolerance is loose on purpose: a wrong chain rule, a
   * transposed weight or a float32 round trip would give errors of order 1e-1 to 1e-4, while a ReLU
   * kink crossed by one probe (possible, not expected, at h = 1e-6) must not fail the test.
   */
  @Test
  void gradientMatchesFiniteDifferences() {
    Table t =
        Csv.read(
                Path.of("../../examples/data/credit_g.csv"),
                CsvOptions.defaults().withLabel("class"))
            .slice(0, 200);
    MlpClassifier m =
        MlpClassifier.trainer("class").withHidden(6).withEpochs(5).withSeed(Seed.of(1)).fit(t);
    FeatureMatrix x = m.encoder().transform(t.slice(0, 10));
    int w = x.cols();
    int[] targets = new int[x.rows()];
    for (int r = 0; r < targets.length; r++) {
      targets[r] = r % 2;
    }
    InputGradient g = m.lossGradient(x, targets);
    assertThat(g.probabilities()).isEqualTo(m.predictProba(t.slice(0, 10)));
    double h = 1e-6;
    int probes = x.rows() * w * 2;
    double[] data = new double[probes * w];
    int[] probeTargets = new int[probes];
    for (int r = 0, p = 0; r < x.rows(); r++) {
      for (int f = 0; f < w; f++) {
        for (int side = 0; side < 2; side++, p++) {
          System.arraycopy(x.data(), r * w, data, p * w, w);
          data[p * w + f] += side == 0 ? h : -h;
          probeTargets[p] = targets[r];
        }
      }
    }
    double[] loss =
        m.lossGradient(new FeatureMatrix(probes, w, data, x.names()), probeTargets).loss();
    int moving = 0;
    for (int r = 0; r < x.rows(); r++) {
      double diff = 0;
      double norm = 0;
      for (int f = 0; f < w; f++) {
        int p = (r * w + f) * 2;
        double fd = (loss[p] - loss[p + 1]) / (2 * h);
        double a = g.gradient()[r * w + f];
        diff += (fd - a) * (fd - a);
        norm += a * a;
      }
      assertThat(Math.sqrt(diff)).as("row " + r).isLessThanOrEqualTo(1e-3 * Math.sqrt(norm));
      moving += norm > 0 ? 1 : 0;
    }
    // A row whose hidden units are all off has a gradient of exactly 0 (and so do its probes).
    assertThat(moving).as("rows with a non-zero gradient").isGreaterThanOrEqualTo(x.rows() / 2);
  }

  /**
   * The embedding is the penultimate layer: the output layer applied to it by hand (a matrix
   * product, a bias, a softmax) gives the model's own probabilities. Both sides run in float64 on
   * the same weights, so 1e-9 allows only rounding; an embedding from another layer (the input, the
   * first of two hidden layers, before the ReLU) would miss by far more.
   */
  @Test
  void embeddingIsThePenultimateLayer() {
    Table t =
        Csv.read(
                Path.of("../../examples/data/credit_g.csv"),
                CsvOptions.defaults().withLabel("class"))
            .slice(0, 200);
    MlpClassifier m =
        MlpClassifier.trainer("class")
            .withHidden(5)
            .withDepth(2)
            .withEpochs(5)
            .withSeed(Seed.of(3))
            .fit(t);
    Table rows = t.slice(0, 20);
    FeatureMatrix e = m.embed(rows);
    assertThat(e.rows()).isEqualTo(20);
    assertThat(e.cols()).isEqualTo(5);
    assertThat(e.names())
        .containsExactly("embedding_0", "embedding_1", "embedding_2", "embedding_3", "embedding_4");
    double[] w = m.parameter("out.w");
    double[] b = m.parameter("out.b");
    int k = m.classes().size();
    var p = m.predictProba(rows);
    int active = 0;
    for (int r = 0; r < e.rows(); r++) {
      double[] z = b.clone();
      for (int j = 0; j < e.cols(); j++) {
        double h = e.get(r, j);
        assertThat(h).as("a ReLU output").isGreaterThanOrEqualTo(0);
        active += h > 0 ? 1 : 0;
        for (int c = 0; c < k; c++) {
          z[c] += h * w[j * k + c];
        }
      }
      double max = Math.max(z[0], z[1]);
      double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max);
      for (int c = 0; c < k; c++) {
        assertThat(Math.exp(z[c] - max) / sum).isCloseTo(p.get(r, c), within(1e-9));
      }
    }
    assertThat(active).as("units that fire").isGreaterThan(0);
    assertThat(m.embed(t.slice(0, 0)).rows()).isZero();
  }
}
