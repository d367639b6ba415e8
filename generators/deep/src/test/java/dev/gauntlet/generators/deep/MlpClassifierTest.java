package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

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
}
