package dev.gauntlet.generators.deep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The PyTorch engine of DJL, started offline on CPU. Before DJL first loads, this sets (unless the
 * user already set them) the system properties that keep it offline and quiet:
 *
 * <ul>
 *   <li>{@code ai.djl.offline=true}: libtorch comes from the {@code pytorch-native-cpu} jar on the
 *       class path, never from the network;
 *   <li>{@code OPT_OUT_TRACKING=true}: DJL reports nothing home;
 *   <li>{@code ai.djl.pytorch.num_threads=1} and {@code ai.djl.pytorch.num_interop_threads=1}: one
 *       intra-op and one inter-op thread (on 2 shared cores, 2 threads ran 3-6 times slower under
 *       load); set them on the command line ({@code -D...}) to change that;
 *   <li>{@code ai.djl.default_engine=PyTorch}.
 * </ul>
 *
 * <p>DJL unpacks libtorch once into {@code ~/.djl.ai} (about 430 MB), or {@code DJL_CACHE_DIR}.
 */
public final class Torch {
  /** The libtorch version bundled by the {@code pytorch-native-cpu} dependency. */
  public static final String PYTORCH_VERSION = "2.7.1";

  private static volatile Engine engine;

  private Torch() {}

  /** The PyTorch engine, loaded on first use. */
  public static Engine engine() {
    Engine e = engine;
    if (e == null) {
      synchronized (Torch.class) {
        e = engine;
        if (e == null) {
          e = load();
          engine = e;
        }
      }
    }
    return e;
  }

  /** Held while a model trains or takes input gradients: see {@link #exclusively}. */
  private static final ReentrantLock TRAINING = new ReentrantLock();

  /**
   * Runs {@code work} (a training loop, an input-gradient pass) on any thread, while no other
   * thread runs such work. DJL's PyTorch gradient collector is one per JVM (a second one throws
   * "already collecting"), and on closing it restores the thread's grad mode, which libtorch turns
   * on by default in every new thread, so that an optimizer's in-place update afterwards fails ("a
   * leaf Variable that requires grad"). So the work starts with grad mode off on its thread, and a
   * scenario's VAE and GAN variants, prepared on two threads, train one after the other.
   */
  public static <T> T exclusively(Supplier<T> work) {
    engine();
    TRAINING.lock();
    try {
      JniUtils.setGradMode(false);
      return work.get();
    } finally {
      TRAINING.unlock();
    }
  }

  /** A new root-level manager on the CPU; the caller closes it. */
  public static NDManager newManager() {
    return engine().newBaseManager();
  }

  private static Engine load() {
    setDefault("ai.djl.offline", "true");
    setDefault("OPT_OUT_TRACKING", "true");
    setDefault("ai.djl.pytorch.num_threads", "1");
    setDefault("ai.djl.pytorch.num_interop_threads", "1");
    setDefault("ai.djl.default_engine", "PyTorch");
    String pinned = System.getenv("PYTORCH_VERSION");
    if (pinned == null) {
      pinned = System.getProperty("PYTORCH_VERSION");
    }
    if (pinned != null && !pinned.isBlank() && !pinned.equals(PYTORCH_VERSION)) {
      throw new IllegalStateException(
          "PYTORCH_VERSION is set to "
              + pinned
              + " but Gauntlet bundles libtorch "
              + PYTORCH_VERSION
              + " for offline use; unset PYTORCH_VERSION (or set it to "
              + PYTORCH_VERSION
              + ")");
    }
    try {
      return Engine.getEngine("PyTorch");
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      throw new IllegalStateException(
          "cannot start DJL's PyTorch engine offline: "
              + e.getMessage()
              + "; the class path needs ai.djl.pytorch:pytorch-jni:2.7.1-0.36.0 and"
              + " ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64, and DJL's cache"
              + " (~/.djl.ai, or DJL_CACHE_DIR) needs about 430 MB of free space",
          e);
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
