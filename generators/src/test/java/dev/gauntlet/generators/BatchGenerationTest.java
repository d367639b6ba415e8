package dev.gauntlet.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.Progress;
import dev.gauntlet.spi.Registry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchGenerationTest {
  @TempDir Path dir;

  private static final Table IRIS = Csv.read(Path.of("../examples/data/iris.csv"));

  private static Generator copula() {
    return Registry.generators().get("gaussian-copula").fit(IRIS, Map.of(), Seed.of(3));
  }

  @Test
  void batchesCutTheRowsWithAShorterLastOne() {
    assertThat(BatchGeneration.batchCount(0, 10)).isZero();
    assertThat(BatchGeneration.batchCount(25, 10)).isEqualTo(3);
    assertThat(BatchGeneration.batchCount(30, 10)).isEqualTo(3);
    assertThat(BatchGeneration.batchRows(25, 10, 1)).isEqualTo(10);
    assertThat(BatchGeneration.batchRows(25, 10, 2)).isEqualTo(5);
    assertThatThrownBy(() -> BatchGeneration.batchRows(25, 10, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchGeneration.batchCount(5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchGeneration.batchCount(5, BatchGeneration.MAX_BATCH_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWindowKeepsBatchesInFlightWithinHalfTheHeap() {
    long gb = 1L << 30;
    assertThat(BatchGeneration.window(8, 10_000, 20, gb)).isEqualTo(16);
    // 1e6 rows x 20 columns x 64 bytes is 1.28 GB a batch: 2 fit in half of 6 GB, none in 1 GB
    assertThat(BatchGeneration.window(8, 1_000_000, 20, 6 * gb)).isEqualTo(2);
    assertThat(BatchGeneration.window(8, 1_000_000, 20, gb)).isEqualTo(1);
  }

  @Test
  void theFileIsTheHeaderThenEachBatchsTextInOrderForAnyThreadCount() throws Exception {
    Generator g = copula();
    Seed root = Seed.of(11);
    long rows = 1_003;
    int batchSize = 100;
    StringBuilder expected = new StringBuilder();
    expected.append(String.join(",", g.schema().names())).append('\n');
    for (long i = 0; i < BatchGeneration.batchCount(rows, batchSize); i++) {
      String text = BatchGeneration.formatBatch(g, root, rows, batchSize, i);
      // each batch is the generator's own batch i, drawn from its derived stream
      assertThat(text)
          .isEqualTo(
              Csv.formatRows(
                  g.sample(
                      BatchGeneration.batchRows(rows, batchSize, i), root.derive("batch", i))));
      expected.append(text);
    }
    for (int threads : new int[] {1, 3}) {
      Path out = dir.resolve("t" + threads + ".csv");
      BatchGeneration.writeCsv(g, root, rows, batchSize, threads, out, Progress.NONE);
      assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }
    assertThat(expected.toString().lines().count()).isEqualTo(rows + 1);
  }
}
