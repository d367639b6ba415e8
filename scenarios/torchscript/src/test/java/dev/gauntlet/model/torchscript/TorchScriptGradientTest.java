package dev.gauntlet.model.torchscript;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Whether DJL gives input gradients through a TorchScript module (docs/scenarios.md says what the
 * adapter does with that): the loss's gradient from libtorch's autograd agrees with central finite
 * differences.
 */
class TorchScriptGradientTest {
  @Test
  void djlDifferentiatesALoadedTorchScriptModuleWithRespectToItsInput() throws Exception {
    try (ZooModel<NDList, NDList> model =
            Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(TorchScriptModelProviderTest.models().resolve("credit_mlp.pt"))
                .optEngine("PyTorch")
                // without it DJL loads the module's buffers as inference tensors, which autograd
                // refuses ("Inference tensors cannot be saved for backward")
                .optOption("trainParam", "true")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
        NDManager manager = model.getNDManager().newSubManager()) {
      // duration 24 months, 3000 DM, age 35, checking "<0"; float64 finite differences below
      double[] row = {24, 3000, 35, 1, 0, 0, 0};
      NDArray x = manager.create(toFloat(row)).reshape(1, 7);
      x.setRequiresGradient(true);
      double[] gradient;
      try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
        // training = true: DJL runs a TorchScript module in inference mode (no autograd) otherwise
        NDArray p = forward(model, manager, x, true);
        gc.backward(p.get(0, 1).log().neg());
        gradient =
            x.getGradient().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
      }
      // duration (index 0): step 1 month against a scale of about 12; float32 forward passes leave
      // about 1e-7 / 2 of noise per unit step, far below the 10 % relative tolerance
      double h = 1;
      double up = loss(model, manager, row, 0, h);
      double down = loss(model, manager, row, 0, -h);
      double numeric = (up - down) / (2 * h);
      assertThat(gradient[0]).isNotZero();
      assertThat(gradient[0]).isCloseTo(numeric, Offset.offset(Math.abs(numeric) * 0.1));
    }
  }

  private static NDArray forward(Model model, NDManager manager, NDArray x, boolean training) {
    return model
        .getBlock()
        .forward(new ParameterStore(manager, false), new NDList(x), training)
        .singletonOrThrow();
  }

  private static double loss(Model model, NDManager manager, double[] row, int i, double step) {
    double[] moved = row.clone();
    moved[i] += step;
    NDArray p = forward(model, manager, manager.create(toFloat(moved)).reshape(1, 7), false);
    return -Math.log(p.getFloat(0, 1));
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
