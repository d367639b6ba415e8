package dev.gauntlet.generators.deep;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class TorchTest {

  @Test
  void loadsOfflineOnOneThread() {
    assertThat(Torch.engine().getEngineName()).isEqualTo("PyTorch");
    assertThat(Torch.engine().getVersion()).isEqualTo(Torch.PYTORCH_VERSION);
    assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
    assertThat(System.getProperty("ai.djl.pytorch.num_threads")).isEqualTo("1");
    try (NDManager m = Torch.newManager()) {
      NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      assertThat(a.matMul(a).toFloatArray()).containsExactly(7, 10, 15, 22);
    }
  }
}
