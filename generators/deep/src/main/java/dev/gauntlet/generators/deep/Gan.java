package dev.gauntlet.generators.deep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.random.Seed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;

/**
 * A CTGAN-like conditional Wasserstein GAN.
 *
 * <ul>
 *   <li><b>Conditional vector with training-by-sampling</b>: every training row gets a condition: a
 *       categorical column chosen uniformly, and one of its levels with probability proportional to
 *       log(1 + count), so rare levels are learned; real rows are drawn among the rows with that
 *       level. The generator is also penalised by the cross-entropy between its output for the
 *       chosen column and the asked level.
 *   <li><b>Generator</b>: noise and condition through two residual layers (ReLU of a dense layer,
 *       concatenated with its input), then a dense output; tanh for scalars and Gumbel-softmax (tau
 *       0.2) for one-hots.
 *   <li><b>Critic</b>: PacGAN, {@code pac} rows (with their conditions) read as one; two dense
 *       layers with leaky ReLU (0.2) and dropout 0.5.
 *   <li><b>Lipschitz penalty by finite differences.</b> WGAN-GP's gradient penalty needs the
 *       gradient of the critic's gradient norm, a backward pass with {@code create_graph}; DJL
 *       0.36's public API has none ({@code PtGradientCollector}'s {@code createGraph} flag is
 *       private). The engine's {@code JniUtils.backward} takes the flag and does give second
 *       derivatives, but it also leaves graph-carrying gradients on every weight, a reference cycle
 *       that PyTorch warns leaks memory unless the gradients are reset to None, which DJL cannot
 *       do. So the critic is penalised by {@code 10 * mean(max(0, |D(a) - D(b)| / |a - b| - 1)^2)}
 *       over sampled pairs: each real pack with a generated pack, and each real pack with a random
 *       point on the segment to that generated pack. This is the one-sided Lipschitz penalty of
 *       Petzka et al. (2018, "On the regularization of Wasserstein GANs") measured on the same
 *       pairs WGAN-GP samples its points from; it bounds the slopes the Wasserstein critic may use,
 *       needs first-order gradients only. The fake, real and interpolated packs go through the
 *       critic in one pass, sharing one dropout mask, so the differences are of one function.
 *   <li>Two Adam optimizers (lr as given, betas 0.5 and 0.9, weight decay 1e-6), one per network.
 *       The generator's output for the critic step is made outside the gradient collector; the
 *       generator step runs through a detached copy of the critic's weights, so no gradient of them
 *       is computed, and only the generator's weights are updated.
 *   <li>All one-hot spans are activated by one softmax over a padded block ({@link Segments}).
 *   <li><b>Checks on held-out rows</b>: every {@code check-every} steps the generator makes as many
 *       rows as were held out (at least {@link #CHECK_ROWS}) and they are scored against the
 *       held-out rows (SDMetrics' quality score); the weights of the best check are kept, and
 *       training stops after {@code patience} checks without a better score ({@link Checkpoints}).
 *       A GAN's losses say little about its rows, and its quality swings from check to check.
 * </ul>
 *
 * <p>All random numbers come from the Java seed.
 */
final class Gan {
  static final double PENALTY = 10;
  static final double TAU = 0.2;
  static final double WEIGHT_DECAY = 1e-6;

  /** Fewest rows generated for a check: below this the score measures the sample's own noise. */
  static final int CHECK_ROWS = 200;

  private Gan() {}

  /**
   * Level counts per categorical column, for conditions.
   *
   * @param columns schema index of each categorical column
   * @param condOffsets where each column's slots start in the condition vector
   * @param spans each column's one-hot span in the encoded row
   * @param counts rows per slot (levels, then missing if any)
   * @param width width of the condition vector
   */
  record Conditions(
      int[] columns,
      int[] condOffsets,
      List<DataTransform.Span> spans,
      long[][] counts,
      int width) {

    static Conditions of(DataTransform t, float[] data, int rows) {
      List<DataTransform.ColumnCode> cats = t.columns().stream().filter(c -> !c.numeric()).toList();
      int[] columns = new int[cats.size()];
      int[] offsets = new int[cats.size()];
      List<DataTransform.Span> spans = new ArrayList<>();
      long[][] counts = new long[cats.size()][];
      int w = 0;
      int d = t.width();
      for (int j = 0; j < cats.size(); j++) {
        DataTransform.ColumnCode c = cats.get(j);
        columns[j] = t.columns().indexOf(c);
        offsets[j] = w;
        spans.add(new DataTransform.Span(c.offset(), c.choices(), false));
        counts[j] = new long[c.choices()];
        for (int r = 0; r < rows; r++) {
          counts[j][DataTransform.argMax(data, r * d + c.offset(), c.choices())]++;
        }
        w += c.choices();
      }
      return new Conditions(columns, offsets, List.copyOf(spans), counts, w);
    }

    int index(int column) {
      for (int j = 0; j < columns.length; j++) {
        if (columns[j] == column) {
          return j;
        }
      }
      throw new IllegalArgumentException("column " + column + " is not categorical");
    }

    /** A slot of column j drawn with probability proportional to (log(1 + count) or count). */
    int draw(int j, UniformRandomProvider rng, boolean log) {
      double total = 0;
      for (long n : counts[j]) {
        total += log ? Math.log1p(n) : n;
      }
      double u = rng.nextDouble() * total;
      int last = 0;
      for (int s = 0; s < counts[j].length; s++) {
        double p = log ? Math.log1p(counts[j][s]) : counts[j][s];
        if (p > 0) {
          last = s;
          if (u < p) {
            return s;
          }
          u -= p;
        }
      }
      return last;
    }

    JsonNode toJson() {
      ArrayNode arr = JsonNodeFactory.instance.arrayNode();
      for (int j = 0; j < columns.length; j++) {
        ObjectNode o = arr.addObject();
        o.put("column", columns[j]);
        ArrayNode c = o.putArray("counts");
        for (long n : counts[j]) {
          c.add(n);
        }
      }
      return arr;
    }

    /**
     * The conditions {@link #toJson} wrote for transform {@code t}: one entry per categorical
     * column, in order, with a count per slot. A problem is a {@link FieldException}.
     */
    static Conditions fromJson(JsonAt arr, DataTransform t) {
      List<Integer> categorical = new ArrayList<>();
      for (int c = 0; c < t.columns().size(); c++) {
        if (!t.columns().get(c).numeric()) {
          categorical.add(c);
        }
      }
      List<JsonAt> items = arr.list("a list with the level counts of each categorical column");
      if (items.size() != categorical.size()) {
        throw arr.bad(
            items.size() + " entries",
            categorical.size() + " entries, one per categorical column of the transform");
      }
      int k = items.size();
      int[] columns = new int[k];
      int[] offsets = new int[k];
      long[][] counts = new long[k][];
      List<DataTransform.Span> spans = new ArrayList<>();
      int w = 0;
      for (int j = 0; j < k; j++) {
        JsonAt o = items.get(j).object("{\"column\": ..., \"counts\": [...]}");
        columns[j] = o.get("column").asInt(categorical.get(j), categorical.get(j));
        DataTransform.ColumnCode c = t.columns().get(columns[j]);
        offsets[j] = w;
        spans.add(new DataTransform.Span(c.offset(), c.choices(), false));
        List<JsonAt> n = o.get("counts").list("a list of counts");
        if (n.size() != c.choices()) {
          throw o.get("counts")
              .bad(
                  n.size() + " counts",
                  c.choices()
                      + " counts, one per level"
                      + (c.hasMissing() ? " and one for missing" : ""));
        }
        counts[j] = new long[n.size()];
        for (int s = 0; s < counts[j].length; s++) {
          counts[j][s] = n.get(s).asInt(0, Integer.MAX_VALUE);
        }
        w += c.choices();
      }
      return new Conditions(columns, offsets, List.copyOf(spans), counts, w);
    }
  }

  static Params init(int d, int cw, TrainingOptions o, UniformRandomProvider rng) {
    return init(new Params(), d, cw, o, rng);
  }

  /** Draws the layers into {@code p} (with {@link Params#shapesOnly}: names and shapes only). */
  static Params init(Params p, int d, int cw, TrainingOptions o, UniformRandomProvider rng) {
    int h = o.hidden();
    int in0 = o.embedding() + cw;
    p.dense("g.res0", in0, h, rng);
    p.dense("g.res1", in0 + h, h, rng);
    p.dense("g.out", in0 + 2 * h, d, rng);
    int inC = (d + cw) * o.pac();
    p.dense("d.c0", inC, h, rng);
    p.dense("d.c1", h, h, rng);
    p.dense("d.c2", h, 1, rng);
    return p;
  }

  static NDArray generator(NDArray z, NDArray cond, Map<String, NDArray> w) {
    NDArray h0 = cond == null ? z : NDArrays.concat(new NDList(z, cond), 1);
    NDArray h1 = NDArrays.concat(new NDList(Nn.relu(Nn.dense(h0, w, "g.res0")), h0), 1);
    NDArray h2 = NDArrays.concat(new NDList(Nn.relu(Nn.dense(h1, w, "g.res1")), h1), 1);
    return Nn.dense(h2, w, "g.out");
  }

  static NDArray critic(NDArray packed, NDArray mask0, NDArray mask1, Map<String, NDArray> w) {
    NDArray a = Activation.leakyRelu(Nn.dense(packed, w, "d.c0"), 0.2f).mul(mask0);
    a = Activation.leakyRelu(Nn.dense(a, w, "d.c1"), 0.2f).mul(mask1);
    return Nn.dense(a, w, "d.c2").reshape(-1);
  }

  private static NDArray pack(NDArray rows, NDArray cond, int pac) {
    NDArray x = cond == null ? rows : NDArrays.concat(new NDList(rows, cond), 1);
    long b = x.getShape().get(0);
    return x.reshape(b / pac, -1);
  }

  /** Dropout 0.5 as a 0-or-2 mask of (rows, cols), stacked {@code copies} times along rows. */
  private static NDArray dropout(
      NDManager m, UniformRandomProvider rng, int rows, int cols, int copies) {
    int n = rows * cols;
    float[] mask = new float[n * copies];
    for (int i = 0; i < n; i++) {
      mask[i] = rng.nextBoolean() ? 2f : 0f;
    }
    for (int c = 1; c < copies; c++) {
      System.arraycopy(mask, 0, mask, c * n, n);
    }
    return m.create(mask, new Shape((long) rows * copies, cols));
  }

  /**
   * Tanh of scalars; softmax of {@code (logits + gumbel) / tau} for one-hots, {@code logits} being
   * {@code out}'s one-hot columns in flat block layout.
   */
  private static NDArray activate(
      NDArray out, NDArray logits, NDArray gumbel, NDArray invTau, Segments.Batch layout) {
    NDArray p = Segments.pad(logits, gumbel, invTau, layout).softmax(1);
    return Segments.unblock(out.tanh(), p, layout);
  }

  /** Each row's asked level (from {@code chosen}) as a one in block layout. */
  private static float[] askedBlock(Conditions cond, Segments seg, int[] chosen, int batch) {
    int b = seg.blockWidth();
    float[] out = new float[batch * b];
    for (int i = 0; i < batch; i++) {
      int column = cond.spans().get(chosen[2 * i]).start() + chosen[2 * i + 1];
      out[i * b + seg.slotOf(column)] = 1;
    }
    return out;
  }

  static Params train(
      DataTransform t,
      float[] data,
      int rows,
      Conditions cond,
      Validation held,
      TrainingOptions o,
      Seed seed,
      TrainingListener listener) {
    int d = t.width();
    int cw = cond.width();
    int pac = o.pac();
    int batch = Math.max(pac, Math.min(o.batchSize(), rows / pac * pac));
    int packs = batch / pac;
    int steps = Math.max(1, rows / batch);
    int h = o.hidden();
    Params params = init(d, cw, o, seed.rng("gan-init", 0));
    UniformRandomProvider rng = seed.rng("gan-train", 0);
    // rows by (categorical column, slot), for training-by-sampling
    int k = cond.columns().length;
    int[][][] rowsBySlot = new int[k][][];
    for (int j = 0; j < k; j++) {
      DataTransform.Span s = cond.spans().get(j);
      List<List<Integer>> lists = new ArrayList<>();
      for (int i = 0; i < s.length(); i++) {
        lists.add(new ArrayList<>());
      }
      for (int r = 0; r < rows; r++) {
        lists.get(DataTransform.argMax(data, r * d + s.start(), s.length())).add(r);
      }
      rowsBySlot[j] =
          lists.stream()
              .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
              .toArray(int[][]::new);
    }
    Segments seg = Segments.of(d, t.spans());
    try (NDManager root = Torch.newManager()) {
      Segments.Batch layout = seg.batch(root, batch);
      NDArray allRows = root.create(data, new Shape(rows, d));
      List<String> names = new ArrayList<>(params.values().keySet());
      Flat gNet =
          new Flat(root, params, names.stream().filter(n -> n.startsWith("g.")).toList(), "g");
      Flat dNet =
          new Flat(root, params, names.stream().filter(n -> n.startsWith("d.")).toList(), "d");
      Optimizer gOpt = adam(o.learningRate());
      Optimizer dOpt = adam(o.criticLearningRate());
      NDArray invTau = Nn.scalar(root, 1 / TAU);
      NDArray one = Nn.scalar(root, 1);
      NDArray eps = Nn.scalar(root, 1e-8);
      NDArray lambda = Nn.scalar(root, PENALTY);
      NDArray invB = Nn.scalar(root, 1.0 / batch);
      Checkpoints checks = new Checkpoints(o.patience());
      int trained = 0;
      int total = o.epochs() * steps;
      training:
      for (int epoch = 1; epoch <= o.epochs(); epoch++) {
        long start = System.nanoTime();
        double dSum = 0;
        double gSum = 0;
        double wSum = 0;
        for (int s = 0; s < steps; s++) {
          try (NDManager step = root.newSubManager()) {
            // critic step
            int[] chosen = new int[batch * 2];
            float[] c1 = conditions(cond, rng, batch, chosen);
            int[] perm = PermutationSampler.natural(batch);
            PermutationSampler.shuffle(rng, perm);
            float[] c2 = new float[batch * cw];
            int[] realRows = new int[batch];
            for (int i = 0; i < batch; i++) {
              int p = perm[i];
              System.arraycopy(c1, p * cw, c2, i * cw, cw);
              if (k == 0) {
                realRows[i] = rng.nextInt(rows);
              } else {
                int[] pool = rowsBySlot[chosen[2 * p]][chosen[2 * p + 1]];
                realRows[i] = pool[rng.nextInt(pool.length)];
              }
            }
            NDArray cond1 = cw == 0 ? null : step.create(c1, new Shape(batch, cw));
            NDArray cond2 = cw == 0 ? null : step.create(c2, new Shape(batch, cw));
            NDArray z = Nn.gaussian(step, rng, batch, o.embedding());
            NDArray fake = generator(z, cond1, gNet.views(step, true));
            NDArray gumbel = seg.gumbel(step, rng, batch, t.spans());
            NDArray fakeAct = activate(fake, Segments.gather(fake, layout), gumbel, invTau, layout);
            NDArray f = pack(fakeAct, cond1, pac);
            NDArray real = Nn.own(step, allRows.get(step.create(Nn.slice(realRows, 0, batch))));
            NDArray r = pack(real, cond2, pac);
            float[] alphas = new float[packs];
            for (int i = 0; i < packs; i++) {
              alphas[i] = (float) rng.nextDouble();
            }
            NDArray x = r.add(f.sub(r).mul(step.create(alphas, new Shape(packs, 1))));
            // one critic pass over the fake, real and interpolated packs, sharing dropout masks
            NDArray frx = NDArrays.concat(new NDList(f, r, x), 0);
            NDArray m0 = dropout(step, rng, packs, h, 3);
            NDArray m1 = dropout(step, rng, packs, h, 3);
            dNet.zeroGradient();
            NDArray lossD;
            NDArray wasserstein;
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
              NDList y = critic(frx, m0, m1, dNet.views(step, false)).split(3);
              NDArray yF = y.get(0);
              NDArray yR = y.get(1);
              NDArray yX = y.get(2);
              NDArray penalty =
                  slopePenalty(yR, yF, r, f, one, eps).add(slopePenalty(yX, yR, x, r, one, eps));
              wasserstein = yR.mean().sub(yF.mean());
              lossD = wasserstein.neg().add(penalty.mul(lambda));
              gc.backward(lossD);
            }
            dNet.update(dOpt);
            // generator step, through a frozen copy of the critic (shares its weights, needs no
            // gradients of them)
            float[] g1 = conditions(cond, rng, batch, chosen);
            NDArray gc1 = cw == 0 ? null : step.create(g1, new Shape(batch, cw));
            NDArray z2 = Nn.gaussian(step, rng, batch, o.embedding());
            NDArray noise = seg.gumbel(step, rng, batch, t.spans());
            NDArray gm0 = dropout(step, rng, packs, h, 1);
            NDArray gm1 = dropout(step, rng, packs, h, 1);
            NDArray asked =
                k == 0 ? null : step.create(askedBlock(cond, seg, chosen, batch), layout.flat());
            Map<String, NDArray> frozen = dNet.views(step, true);
            gNet.zeroGradient();
            NDArray lossG;
            try (GradientCollector gc = Torch.engine().newGradientCollector()) {
              NDArray out = generator(z2, gc1, gNet.views(step, false));
              NDArray logits = Segments.gather(out, layout);
              NDArray act = activate(out, logits, noise, invTau, layout);
              NDArray yF = critic(pack(act, gc1, pac), gm0, gm1, frozen);
              lossG = yF.mean().neg();
              if (k > 0) {
                // cross-entropy of the asked level of each row's condition column
                NDArray logp = Segments.pad(logits, null, null, layout).logSoftmax(1);
                NDArray ce = logp.reshape(layout.flat()).mul(asked).sum().neg().mul(invB);
                lossG = lossG.add(ce);
              }
              gc.backward(lossG);
            }
            gNet.update(gOpt);
            dSum += lossD.getFloat();
            gSum += lossG.getFloat();
            wSum += wasserstein.getFloat();
          }
          trained++;
          if (held != null && (trained % o.checkEvery() == 0 || trained == total)) {
            gNet.readBack(params);
            double quality = check(params, t, cond, o, held, seed.rng("gan-check", trained));
            boolean stop =
                checks.record(
                    -quality,
                    trained,
                    () -> {
                      dNet.readBack(params);
                      return params.copy();
                    });
            if (stop) {
              break training;
            }
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("critic", dSum / steps);
        losses.put("generator", gSum / steps);
        losses.put("wasserstein", wSum / steps);
        listener.onEpoch(
            new TrainingListener.Epoch(
                "gan", epoch, o.epochs(), losses, steps * batch / Math.max(seconds, 1e-9)));
      }
      if (checks.bestWeights() != null) {
        return checks.bestWeights();
      }
      gNet.readBack(params);
      dNet.readBack(params);
    }
    return params;
  }

  /**
   * The quality score (SDMetrics') of as many rows as {@code held} has, at least {@link
   * #CHECK_ROWS}, generated by weights {@code p}, against the held-out rows.
   */
  private static double check(
      Params p,
      DataTransform t,
      Conditions cond,
      TrainingOptions o,
      Validation held,
      UniformRandomProvider rng) {
    int n = Math.max(CHECK_ROWS, held.rowCount());
    Table rows = t.decode(sample(p, t, cond, o, n, rng, -1, -1), n);
    return Fidelity.compare(held.rows(), rows).qualityScore();
  }

  /** {@code mean(max(0, |ya - yb| / |a - b| - 1)^2)} over packs. */
  private static NDArray slopePenalty(
      NDArray ya, NDArray yb, NDArray a, NDArray b, NDArray one, NDArray eps) {
    NDArray dist = a.sub(b).square().sum(new int[] {1}).add(eps).sqrt();
    NDArray slope = ya.sub(yb).abs().div(dist);
    return Nn.relu(slope.sub(one)).square().mean();
  }

  private static Optimizer adam(double lr) {
    return Optimizer.adam()
        .optLearningRateTracker(Tracker.fixed((float) lr))
        .optBeta1(0.5f)
        .optBeta2(0.9f)
        .optWeightDecays((float) WEIGHT_DECAY)
        .build();
  }

  /**
   * Training conditions for {@code batch} rows, by training-by-sampling; {@code chosen} gets
   * (column, slot) per row.
   */
  private static float[] conditions(
      Conditions cond, UniformRandomProvider rng, int batch, int[] chosen) {
    int cw = cond.width();
    float[] c = new float[batch * cw];
    int k = cond.columns().length;
    if (k == 0) {
      return c;
    }
    for (int i = 0; i < batch; i++) {
      int j = rng.nextInt(k);
      int slot = cond.draw(j, rng, true);
      chosen[2 * i] = j;
      chosen[2 * i + 1] = slot;
      c[i * cw + cond.condOffsets()[j] + slot] = 1;
    }
    return c;
  }

  /**
   * Encoded rows from the generator: conditions drawn by the real level frequencies, or all set to
   * (column, code) when {@code column >= 0}; one-hots by Gumbel-max (a draw from the softmax).
   */
  static float[] sample(
      Params p,
      DataTransform t,
      Conditions cond,
      TrainingOptions o,
      int rows,
      UniformRandomProvider rng,
      int column,
      int code) {
    int d = t.width();
    int cw = cond.width();
    float[] c = new float[rows * cw];
    int k = cond.columns().length;
    int fixed = column >= 0 ? cond.index(column) : -1;
    for (int i = 0; i < rows && k > 0; i++) {
      int j = fixed >= 0 ? fixed : rng.nextInt(k);
      int slot = fixed >= 0 ? code : cond.draw(j, rng, false);
      c[i * cw + cond.condOffsets()[j] + slot] = 1;
    }
    float[] out;
    try (NDManager m = Torch.newManager()) {
      Map<String, NDArray> w = p.toArrays(m, false);
      NDArray z = Nn.gaussian(m, rng, rows, o.embedding());
      NDArray condArr = cw == 0 ? null : m.create(c, new Shape(rows, cw));
      out = generator(z, condArr, w).toFloatArray();
    }
    for (int r = 0; r < rows; r++) {
      for (DataTransform.Span s : t.spans()) {
        for (int i = 0; i < s.length(); i++) {
          int at = r * d + s.start() + i;
          out[at] = s.tanh() ? (float) Math.tanh(out[at]) : (float) (out[at] + Nn.gumbel(rng));
        }
      }
    }
    return out;
  }
}
