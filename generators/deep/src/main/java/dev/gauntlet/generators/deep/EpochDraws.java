package dev.gauntlet.generators.deep;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * The random numbers of one VAE epoch: the shuffle of the rows and the latent noise of every step,
 * drawn from the Java seed in the same order as drawing them step by step (shuffle, then each
 * step's {@code batch * embedding} Gaussians), so a seed gives the same numbers. The next epoch's
 * draws are made on a worker thread while the current epoch trains (libtorch runs on one thread, so
 * the second core is otherwise idle); only that thread touches the random source.
 */
final class EpochDraws implements AutoCloseable {
  /** Row indices (steps * batch, as tensor indices) and noise (steps * batch * embedding). */
  record Draw(long[] rows, float[] noise) {}

  private final UniformRandomProvider rng;
  private final int[] order;
  private final int steps;
  private final int batch;
  private final int embedding;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "gauntlet-vae-draws");
            t.setDaemon(true);
            return t;
          });
  private Future<Draw> pending;

  EpochDraws(UniformRandomProvider rng, int rows, int steps, int batch, int embedding) {
    this.rng = rng;
    this.order = PermutationSampler.natural(rows);
    this.steps = steps;
    this.batch = batch;
    this.embedding = embedding;
    pending = worker.submit(this::draw);
  }

  /** This epoch's draws; with {@code more}, starts drawing the next epoch's. */
  Draw next(boolean more) {
    Draw d;
    try {
      d = pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    pending = more ? worker.submit(this::draw) : null;
    return d;
  }

  private Draw draw() {
    PermutationSampler.shuffle(rng, order);
    long[] rows = Nn.slice(order, 0, steps * batch);
    int n = batch * embedding;
    float[] noise = new float[steps * n];
    for (int s = 0; s < steps; s++) {
      System.arraycopy(Nn.gaussians(rng, n), 0, noise, s * n, n);
    }
    return new Draw(rows, noise);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
