package dev.gauntlet.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gauntlet.data.ColumnRole;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.AttackResult;
import dev.gauntlet.generators.perturb.EvasionAttack.Norm;
import dev.gauntlet.generators.perturb.GradientAttack;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.Differentiable.InputGradient;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.ModelHandle;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The torchscript kind's input gradients, on credit_mlp.pt, and FGSM driven by them. */
class TorchScriptInputGradientTest {
  private static final Table CREDIT =
      Csv.read(TorchScriptModelProviderTest.models().resolve("credit_g.csv"))
          .withRole("class", ColumnRole.LABEL);

  @Test
  void theLossGradientMatchesCentralFiniteDifferencesOnRawValues() {
    try (ModelHandle handle = TorchScriptModelProviderTest.open(creditParams())) {
      Differentiable model = (Differentiable) handle.fit(CREDIT);
      Table rows = CREDIT.slice(0, 6);
      FeatureMatrix x = model.encoder().transform(rows);
      int[] targets = {1, 0, 1, 1, 0, 1};
      InputGradient g = model.lossGradient(x, targets);
      ClassProbabilities direct = model.predictProba(rows);
      List<String> names = x.names();
      int w = x.cols();
      // steps of about 1 % of each column's spread (duration ~12, amount ~2800, age ~11): small
      // enough that few ReLU kinks are crossed, large enough that float32 noise in the loss (about
      // 1e-7 relative) stays below 1e-5 of the difference quotient
      String[] columns = {"duration", "credit_amount", "age"};
      double[] steps = {0.1, 30, 0.1};
      for (int r = 0; r < rows.rowCount(); r++) {
        assertThat(g.probabilities().get(r, 1)).isCloseTo(direct.get(r, 1), Offset.offset(1e-6));
        assertThat(g.loss()[r])
            .isCloseTo(-Math.log(direct.get(r, targets[r])), Offset.offset(1e-5));
        for (int c = 0; c < columns.length; c++) {
          int j = names.indexOf(columns[c]);
          double up = loss(model, x, r, j, steps[c], targets[r]);
          double down = loss(model, x, r, j, -steps[c], targets[r]);
          double numeric = (up - down) / (2 * steps[c]);
          double analytic = g.gradient()[r * w + j];
          assertThat(analytic).as("row %d, %s", r, columns[c]).isNotZero();
          // 5 % relative: room for a kink crossed within the step, not for a wrong sign or scale
          assertThat(analytic)
              .as("row %d, %s", r, columns[c])
              .isCloseTo(numeric, Offset.offset(Math.abs(numeric) * 0.05 + 1e-7));
        }
        for (int j = 0; j < w; j++) {
          if (names.get(j).startsWith("checking_status=")) {
            assertThat(g.gradient()[r * w + j]).isZero(); // levels are not continuous
          }
        }
      }
    }
  }

  @Test
  void fgsmFlipsSomeCreditDecisionsAndRepeatsForASeed() {
    try (ModelHandle handle = TorchScriptModelProviderTest.open(creditParams())) {
      Differentiable model = (Differentiable) handle.fit(CREDIT);
      Table rows = CREDIT.slice(0, 200);
      GradientAttack fgsm = GradientAttack.fgsm(Norm.LINF, 0.5);
      AttackResult first = fgsm.run(model, rows, Seed.of(7));
      AttackResult again = fgsm.run(model, rows, Seed.of(7));
      assertThat(first.successRate()).isGreaterThan(0);
      assertThat(again.successfulRows()).isEqualTo(first.successfulRows());
      assertThat(again.successRate()).isEqualTo(first.successRate());
      // every success really changes the model's decision on the adversarial row
      ClassProbabilities clean = model.predictProba(rows);
      ClassProbabilities attacked = model.predictProba(first.adversarial());
      for (int r : first.successfulRows()) {
        assertThat(attacked.argmax(r)).as("row %d", r).isNotEqualTo(clean.argmax(r));
      }
    }
  }

  private static java.util.Map<String, String> creditParams() {
    return TorchScriptModelProviderTest.creditParams();
  }

  private static double loss(Differentiable model, FeatureMatrix x, int r, int j, double h, int t) {
    int w = x.cols();
    double[] row = new double[w];
    System.arraycopy(x.data(), r * w, row, 0, w);
    row[j] += h;
    return model.lossGradient(new FeatureMatrix(1, w, row, x.names()), new int[] {t}).loss()[0];
  }
}
