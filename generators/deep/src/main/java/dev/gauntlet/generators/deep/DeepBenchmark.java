package dev.gauntlet.generators.deep;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark {@code bench/deep.sh} runs: trains {@code vae} and {@code gan} on a CSV at default
 * settings, prints training time, seconds per epoch, quality score and exact-copy share, and writes
 * the VAE's encoded training matrix for the PyTorch comparison script.
 *
 * <p>Usage: {@code DeepBenchmark DATA.csv OUT_DIR [vae|gan|both] [epochs]}
 */
public final class DeepBenchmark {
  private DeepBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path csv = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String which = args.length > 2 ? args[2] : "both";
    Map<String, String> params = new HashMap<>();
    params.put("progress", "false");
    if (args.length > 3) {
      params.put("epochs", args[3]);
    }
    Files.createDirectories(out);
    Table real = Csv.read(csv);
    Seed seed = Seed.of(2026);
    List<String> models = which.equals("both") ? List.of("vae", "gan") : List.of(which);
    for (String model : models) {
      List<Double> epochSeconds = new ArrayList<>();
      long[] last = {System.nanoTime()};
      TrainingListener listener =
          e -> {
            long now = System.nanoTime();
            epochSeconds.add((now - last[0]) / 1e9);
            last[0] = now;
            if (e.epoch() % 25 == 0 || e.epoch() == e.epochs()) {
              System.err.println(e.line());
            }
          };
      GeneratorProvider provider =
          model.equals("vae") ? new VaeProvider(listener) : new GanProvider(listener);
      long start = System.nanoTime();
      last[0] = start;
      Generator g = provider.fit(real, params, seed);
      double seconds = (System.nanoTime() - start) / 1e9;
      Table synth = g.sample(seed.derive("bench-sample"), real.rowCount());
      double quality = Fidelity.compare(real, synth).qualityScore();
      double copies = Privacy.of(real, synth, 2000, seed).exactCopyShare();
      // median epoch time after the first 5 (JIT warm-up)
      List<Double> warm =
          new ArrayList<>(
              epochSeconds.subList(Math.min(5, epochSeconds.size() - 1), epochSeconds.size()));
      warm.sort(null);
      double median = warm.get(warm.size() / 2);
      System.out.printf(
          Locale.ROOT,
          "%s rows=%d epochs=%d train_s=%.1f epoch_ms_median=%.1f quality=%.4f exact_copy_share=%.4f%n",
          model,
          real.rowCount(),
          epochSeconds.size(),
          seconds,
          median * 1000,
          quality,
          copies);
      if (model.equals("vae")) {
        writeEncoded(real, out);
      }
    }
  }

  /** The encoded matrix (float32 little-endian) and its spans, for bench/deep_vae_torch.py. */
  private static void writeEncoded(Table real, Path out) throws IOException {
    DataTransform t = DataTransform.fit(real, 10);
    float[] data = t.encode(real);
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    Files.write(out.resolve("encoded.f32"), buf.array());
    StringBuilder spans = new StringBuilder();
    spans.append(real.rowCount()).append(' ').append(t.width()).append('\n');
    for (DataTransform.Span s : t.spans()) {
      spans
          .append(s.start())
          .append(' ')
          .append(s.length())
          .append(' ')
          .append(s.tanh() ? "tanh" : "softmax")
          .append('\n');
    }
    Files.writeString(out.resolve("spans.txt"), spans);
  }
}
