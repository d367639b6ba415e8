package dev.gauntlet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.metrics.Frechet;
import dev.gauntlet.metrics.KsTest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden {@code gauntlet bench} helpers of bench/metrics.sh: the data files are what numpy
 * reads ({@code fromfile(path, "<f8")}), seeded, and the timed tasks report the figures of the
 * library on that data and as many timings as asked (the times themselves are not checked: speed is
 * the benchmark's business).
 */
class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static double[] littleEndianDoubles(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[bytes.remaining() / Double.BYTES];
    bytes.asDoubleBuffer().get(out);
    return out;
  }

  @Test
  void dataIsSeededRawFloat64AndTheTasksReportTheLibrarysFigures() throws IOException {
    Path data = dir.resolve("data");
    String[] write = {
      "bench", "data", data.toString(), "--ks-size", "2000", "--rows", "300", "--features", "4"
    };
    CliRun made = CliRun.of(write);
    assertThat(made.code()).as(made.err()).isZero();
    double[] ksA = littleEndianDoubles(data.resolve("ks_a.bin"));
    double[] ksB = littleEndianDoubles(data.resolve("ks_b.bin"));
    double[] fidA = littleEndianDoubles(data.resolve("fid_a.bin"));
    double[] fidB = littleEndianDoubles(data.resolve("fid_b.bin"));
    assertThat(ksA).hasSize(2000);
    assertThat(ksB).hasSize(2000).isNotEqualTo(ksA);
    assertThat(fidA).hasSize(300 * 4);
    assertThat(fidB).hasSize(300 * 4);
    JsonNode meta = JSON.readTree(data.resolve("meta.json").toFile());
    assertThat(meta.get("features").asInt()).isEqualTo(4);
    assertThat(meta.get("seed").asLong()).isEqualTo(20261126L);

    // the same seed writes the same bytes
    Path again = dir.resolve("again");
    write[2] = again.toString();
    assertThat(CliRun.of(write).code()).isZero();
    assertThat(Files.readAllBytes(again.resolve("fid_b.bin")))
        .isEqualTo(Files.readAllBytes(data.resolve("fid_b.bin")));

    CliRun ks = CliRun.of("bench", "ks", "--data", data.toString(), "--warmup", "0", "--runs", "3");
    assertThat(ks.code()).as(ks.err()).isZero();
    JsonNode k = JSON.readTree(ks.out());
    KsTest expected = KsTest.of(ksA, ksB);
    assertThat(k.get("statistic").asDouble()).isEqualTo(expected.statistic());
    assertThat(k.get("p_value").asDouble()).isEqualTo(expected.pValue());
    assertThat(k.get("n_a").asInt()).isEqualTo(2000);
    assertThat(k.get("seconds")).hasSize(3);

    CliRun fr =
        CliRun.of("bench", "frechet", "--data", data.toString(), "--warmup", "0", "--runs", "2");
    assertThat(fr.code()).as(fr.err()).isZero();
    JsonNode f = JSON.readTree(fr.out());
    assertThat(f.get("distance").asDouble())
        .isEqualTo(Frechet.distance(fidA, 300, fidB, 300, 4))
        .isPositive();
    assertThat(f.get("rows_a").asInt()).isEqualTo(300);
    assertThat(f.get("seconds")).hasSize(2);
  }
}
