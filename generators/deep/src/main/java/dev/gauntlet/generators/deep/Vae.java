package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A TVAE-like variational autoencoder. Encoder: two ReLU layers of {@code hidden} units, then the
 * mean and log-variance of a {@code embedding}-wide Gaussian latent. Decoder: two ReLU layers, then
 * one output per encoded slot, plus a learned sigma per slot (clamped to [0.01, 1] after every
 * step, as TVAE does). Loss per batch: {@code 2 * (sum over continuous scalars of (x - tanh(out))^2
 * / (2 sigma^2) + log sigma, plus cross-entropy of each one-hot) / B + KL / B}. Adam with weight
 * decay 1e-5. Every {@code check-every} steps the loss is computed on the held-out rows (each
 * latent at its mean); the weights of the best check are kept, and training stops after {@code
 * patience} checks without a lower loss ({@link Checkpoints}).
 *
 * <p>The loss is written in few libtorch operations (each costs a JNI call and an autograd node):
 * the scalar terms on the tanh columns alone, summed over the batch before dividing by sigma^2, and
 * the three sums weighted by one dot product.
 *
 * <p>Sampling draws latents, decodes, adds {@code sigma * N(0, 1)} to every tanh scalar and draws
 * every one-hot's slot from its softmax (or, with {@code levels=argmax}, takes its arg-max as TVAE
 * does: on scarce data that drops rare levels and collapses rows onto the most common ones). All
 * random numbers (initial weights, shuffling, noise) come from the Java seed, so a seed fixes the
 * weights and the rows.
 */
final class Vae {
  static final double WEIGHT_DECAY = 1e-5;

  private Vae() {}

  static Params init(int width, TrainingOptions o, UniformRandomProvider rng) {
    return init(new Params(), width, o, rng);
  }

  /** Draws the layers into {@code p} (with {@link Params#shapesOnly}: names and shapes only). */
  static Params init(Params p, int width, TrainingOptions o, UniformRandomProvider rng) {
    int h = o.hidden();
    int e = o.embedding();
    p.dense("enc0", width, h, rng);
    p.dense("enc1", h, h, rng);
    p.dense("mu", h, e, rng);
    p.dense("logvar", h, e, rng);
    p.dense("dec0", e, h, rng);
    p.dense("dec1", h, h, rng);
    p.dense("out", h, width, rng);
    float[] sigma = new float[width];
    java.util.Arrays.fill(sigma, 0.1f);
    p.put("sigma", sigma, width);
    return p;
  }

  static Params train(
      DataTransform t,
      float[] data,
      int rows,
      Validation held,
      TrainingOptions o,
      Seed seed,
      TrainingListener listener) {
    int d = t.width();
    Params params = init(d, o, seed.rng("vae-init", 0));
    UniformRandomProvider rng = seed.rng("vae-train", 0);
    int batch = Math.min(o.batchSize(), rows);
    int steps = Math.max(1, rows / batch);
    long[] tanhColumns =
        t.spans().stream()
            .filter(DataTransform.Span::tanh)
            .mapToLong(DataTransform.Span::start)
            .toArray();
    int nt = tanhColumns.length;
    List<List<DataTransform.Span>> groups = lengthGroups(t.spans());
    int ng = groups.size();
    try (NDManager root = Torch.newManager()) {
      // sigma is in the flat array too: one zeroing and one Adam update cover everything
      List<String> layers = new ArrayList<>(params.values().keySet());
      Flat net = new Flat(root, params, layers, "vae", true);
      Optimizer adam =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed((float) o.learningRate()))
              .optWeightDecays((float) WEIGHT_DECAY)
              .build();
      Segments[] seg = new Segments[ng];
      Segments.SlotsFirst[] layout = new Segments.SlotsFirst[ng];
      for (int k = 0; k < ng; k++) {
        seg[k] = Segments.of(d, groups.get(k));
        layout[k] = seg[k].slotsFirst(root);
      }
      // the training data stays in libtorch; each batch is picked by a tensor of row indices
      NDArray allRows = root.create(data, new Shape(rows, d));
      NDArray[] allHot = new NDArray[ng];
      for (int k = 0; k < ng; k++) {
        allHot[k] =
            root.create(
                seg[k].hotSlots(data, rows, groups.get(k)), new Shape(rows, seg[k].count()));
      }
      // the tanh scalars' columns: of the data once, of the decoder's output per step
      NDArray tanhOfSigma = root.create(tanhColumns, new Shape(nt));
      NDArray tanhOfBatch = root.create(repeat(tanhColumns, batch), new Shape(batch, nt));
      NDArray allScalars =
          allRows.gather(root.create(repeat(tanhColumns, rows), new Shape(rows, nt)), 1);
      NDArray half = Nn.scalar(root, 0.5);
      NDArray minusTwo = Nn.scalar(root, -2);
      // loss = sum(squares / sigma^2) / B + 2 sum(log sigma) - 2 log-likelihood / B + klSum / 2B
      // - embedding / 2: the sums stacked, weighted by one dot
      float[] weights = new float[ng + 3];
      java.util.Arrays.fill(weights, -2f / batch);
      weights[0] = 1f / batch;
      weights[1] = 2f;
      weights[ng + 2] = (float) (0.5 * o.klWeight() / batch);
      NDArray terms = root.create(weights);
      NDArray klConstant = Nn.scalar(root, -0.5 * o.embedding() * o.klWeight());
      Checkpoints checks = new Checkpoints(o.patience());
      NDArray heldRows =
          held == null ? null : root.create(held.encoded(), new Shape(held.rowCount(), d));
      int trained = 0;
      int total = o.epochs() * steps;
      // the next epoch's shuffle and latent noise are drawn on another thread while this epoch
      // trains: one thread uses the random source, in the same order as drawing them inline
      EpochDraws draws = new EpochDraws(rng, rows, steps, batch, o.embedding());
      try {
        training:
        for (int epoch = 1; epoch <= o.epochs(); epoch++) {
          long start = System.nanoTime();
          EpochDraws.Draw draw = draws.next(epoch < o.epochs());
          double lossSum = 0;
          try (NDManager epochArrays = root.newSubManager()) {
            NDArray picked = epochArrays.create(draw.rows(), new Shape(steps * batch));
            NDArray xs = Nn.own(epochArrays, allRows.get(picked)).reshape(steps, batch, d);
            // each step's observed slots span by span, row by row, as in the slots-first block
            NDArray[] hots = new NDArray[ng];
            for (int k = 0; k < ng; k++) {
              hots[k] =
                  Nn.own(epochArrays, allHot[k].get(picked))
                      .reshape(steps, batch, seg[k].count())
                      .transpose(0, 2, 1);
            }
            NDArray scalarsOfEpoch =
                Nn.own(epochArrays, allScalars.get(picked)).reshape(steps, batch, nt);
            NDArray noise =
                epochArrays.create(draw.noise(), new Shape(steps, batch, o.embedding()));
            for (int s = 0; s < steps; s++) {
              try (NDManager step = root.newSubManager()) {
                NDArray x = Nn.own(step, xs.get(s));
                NDArray eps = Nn.own(step, noise.get(s));
                NDArray xScalars = Nn.own(step, scalarsOfEpoch.get(s));
                net.zeroGradient();
                NDArray loss;
                try (GradientCollector gc = Torch.engine().newGradientCollector()) {
                  Map<String, NDArray> w = net.views(step, false);
                  NDArray h = Nn.relu(Nn.linear(x, w, "enc0"));
                  h = Nn.relu(Nn.linear(h, w, "enc1"));
                  NDArray mu = Nn.linear(h, w, "mu");
                  NDArray logvar = Nn.linear(h, w, "logvar");
                  NDArray std = logvar.mul(half).exp();
                  NDArray z = eps.mul(std).add(mu);
                  NDArray g = Nn.relu(Nn.linear(z, w, "dec0"));
                  g = Nn.relu(Nn.linear(g, w, "dec1"));
                  NDArray out = Nn.linear(g, w, "out");
                  // continuous scalars, twice (x - tanh(out))^2 / (2 sigma^2) + log sigma summed
                  // over the batch: sum_b (x - tanh(out))^2 / sigma^2 + 2 B log sigma per column
                  NDArray squares =
                      xScalars.sub(out.gather(tanhOfBatch, 1).tanh()).square().sum(new int[] {0});
                  NDArray sig = w.get("sigma").gather(tanhOfSigma, 0);
                  // one-hots: cross-entropy, picking each span's observed level out of one
                  // log-softmax over the block of all spans
                  NDList sums = new NDList(ng + 3);
                  sums.add(squares.dot(sig.pow(minusTwo)));
                  sums.add(sig.log().sum());
                  for (int k = 0; k < ng; k++) {
                    NDArray logp = Segments.slotsFirst(out, layout[k]).logSoftmax(0);
                    NDArray observed = Nn.own(step, hots[k].get(s)).reshape(1, -1);
                    sums.add(logp.gather(observed, 0).sum());
                  }
                  // KL = (sum(mu^2 + exp(logvar) - logvar) - B * embedding) / 2, exp(logvar) as
                  // std^2: a square costs a third of an exp
                  sums.add(mu.square().add(std.square()).sub(logvar).sum());
                  loss = NDArrays.stack(sums).dot(terms).add(klConstant);
                  gc.backward(loss);
                }
                net.update(adam);
                net.clip("sigma", 0.01, 1.0);
                lossSum += loss.getFloat();
              }
              trained++;
              if (heldRows != null && (trained % o.checkEvery() == 0 || trained == total)) {
                double figure = validationLoss(net, root, heldRows, held, t, o);
                boolean stop =
                    checks.record(
                        figure,
                        trained,
                        () -> {
                          net.readBack(params);
                          return params.copy();
                        });
                if (stop) {
                  break training;
                }
              }
            }
          }
          double mean = lossSum / steps;
          double seconds = (System.nanoTime() - start) / 1e9;
          Map<String, Double> losses = new LinkedHashMap<>();
          losses.put("loss", mean);
          listener.onEpoch(
              new TrainingListener.Epoch(
                  "vae", epoch, o.epochs(), losses, steps * batch / Math.max(seconds, 1e-9)));
        }
      } finally {
        draws.close();
      }
      if (checks.bestWeights() != null) {
        return checks.bestWeights();
      }
      net.readBack(params);
    }
    return params;
  }

  /**
   * The loss on the held-out rows, per row, with each row's latent at its encoded mean (so without
   * noise): {@code 2 * (sum over continuous scalars of (x - tanh(out))^2 / (2 sigma^2) + log sigma,
   * plus cross-entropy of each one-hot) + klWeight * KL}, as in training.
   */
  private static double validationLoss(
      Flat net,
      NDManager root,
      NDArray heldRows,
      Validation held,
      DataTransform t,
      TrainingOptions o) {
    int n = held.rowCount();
    int d = t.width();
    float[] out;
    float[] mu;
    float[] logvar;
    float[] sigma;
    try (NDManager m = root.newSubManager()) {
      Map<String, NDArray> w = net.views(m, true);
      NDArray h = Nn.relu(Nn.linear(heldRows, w, "enc0"));
      h = Nn.relu(Nn.linear(h, w, "enc1"));
      NDArray mean = Nn.linear(h, w, "mu");
      NDArray g = Nn.relu(Nn.linear(mean, w, "dec0"));
      g = Nn.relu(Nn.linear(g, w, "dec1"));
      out = Nn.linear(g, w, "out").toFloatArray();
      mu = mean.toFloatArray();
      logvar = Nn.linear(h, w, "logvar").toFloatArray();
      sigma = w.get("sigma").toFloatArray();
    }
    float[] x = held.encoded();
    double reconstruction = 0;
    for (int r = 0; r < n; r++) {
      for (DataTransform.Span s : t.spans()) {
        int at = r * d + s.start();
        if (s.tanh()) {
          double diff = x[at] - Math.tanh(out[at]);
          double sd = sigma[s.start()];
          reconstruction += diff * diff / (2 * sd * sd) + Math.log(sd);
        } else {
          int observed = DataTransform.argMax(x, at, s.length());
          double max = Double.NEGATIVE_INFINITY;
          for (int i = 0; i < s.length(); i++) {
            max = Math.max(max, out[at + i]);
          }
          double sum = 0;
          for (int i = 0; i < s.length(); i++) {
            sum += Math.exp(out[at + i] - max);
          }
          reconstruction += max + Math.log(sum) - out[at + observed];
        }
      }
    }
    double kl = 0;
    for (int i = 0; i < mu.length; i++) {
      kl += mu[i] * mu[i] + Math.exp(logvar[i]) - logvar[i] - 1;
    }
    return (2 * reconstruction + o.klWeight() * kl / 2) / n;
  }

  /**
   * The one-hot spans in at most two groups by length, each laid out as its own {@link Segments}
   * block: one block pads every span to the longest (on telco, 20 spans of 2 to 11 levels take 220
   * slots for 76 levels), two blocks split at the length that leaves the fewest slots. Every slot
   * of a block costs work in the gather, the log-softmax and their gradients.
   */
  static List<List<DataTransform.Span>> lengthGroups(List<DataTransform.Span> spans) {
    List<DataTransform.Span> hot =
        spans.stream()
            .filter(s -> !s.tanh())
            .sorted(java.util.Comparator.comparingInt(DataTransform.Span::length))
            .toList();
    int n = hot.size();
    if (n == 0) {
      return List.of(hot);
    }
    int best = n;
    long bestSlots = (long) n * hot.get(n - 1).length();
    for (int k = 1; k < n; k++) {
      long slots = (long) k * hot.get(k - 1).length() + (long) (n - k) * hot.get(n - 1).length();
      // a second block costs about seven more operations: worth it only for a clear saving
      if (slots < bestSlots * 3 / 4 && slots < bestSlots) {
        best = k;
        bestSlots = slots;
      }
    }
    return best == n ? List.of(hot) : List.of(hot.subList(0, best), hot.subList(best, n));
  }

  /** {@code values} repeated {@code times} times, one after the other. */
  private static long[] repeat(long[] values, int times) {
    long[] out = new long[values.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(values, 0, out, i * values.length, values.length);
    }
    return out;
  }

  /** Encoded rows (after activation and noise), ready for {@link DataTransform#decode}. */
  static float[] sample(
      Params p, DataTransform t, TrainingOptions o, int rows, UniformRandomProvider rng) {
    float[] out;
    try (NDManager m = Torch.newManager()) {
      Map<String, NDArray> w = p.toArrays(m, false);
      NDArray z = Nn.gaussian(m, rng, rows, o.embedding());
      NDArray g = Nn.relu(Nn.dense(z, w, "dec0"));
      g = Nn.relu(Nn.dense(g, w, "dec1"));
      out = Nn.dense(g, w, "out").toFloatArray();
    }
    int d = t.width();
    float[] sigma = p.get("sigma");
    ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    for (int r = 0; r < rows; r++) {
      for (DataTransform.Span s : t.spans()) {
        if (s.tanh()) {
          int i = r * d + s.start();
          double v = Math.tanh(out[i]) + sigma[s.start()] * gauss.sample();
          out[i] = (float) Math.max(-1, Math.min(1, v));
        } else if (o.drawLevels()) {
          // Gumbel-max: the arg-max of logits plus Gumbel noise is a draw from their softmax
          for (int i = 0; i < s.length(); i++) {
            out[r * d + s.start() + i] += (float) Nn.gumbel(rng);
          }
        }
      }
    }
    return out;
  }
}
