package dev.gauntlet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.gauntlet.random.Seed;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvWriteTest {
  @TempDir Path dir;

  private static String text(Table t) throws IOException {
    StringWriter out = new StringWriter();
    Csv.write(t, out);
    return out.toString();
  }

  private static Table readText(String text) {
    return Csv.read(new StringReader(text), "test", CsvOptions.defaults());
  }

  private Set<String> filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet());
    }
  }

  @Test
  void missingIsAnEmptyFieldAndNeverNaN() throws IOException {
    Table t =
        Table.builder()
            .categorical("id", "a", "b", "c")
            .numeric("x", 1.5, Double.NaN, 2)
            .categorical("k", "p", null, "q")
            .build();

    assertThat(text(t)).isEqualTo("id,x,k\na,1.5,p\nb,,\nc,2,q\n").doesNotContain("NaN");
  }

  @Test
  void aMissingFirstFieldOfSeveralIsAnEmptyField() throws IOException {
    Table t = Table.builder().numeric("x", Double.NaN, 1).categorical("k", "p", null).build();

    assertThat(text(t)).isEqualTo("x,k\n,p\n1,\n");
  }

  @Test
  void aMissingFirstFieldIsWrittenAsQuotedEmptySoTheRowIsNotABlankLine() throws IOException {
    Table t = Table.builder().numeric("x", 1, Double.NaN, 3).build();

    String text = text(t);

    assertThat(text).isEqualTo("x\n1\n\"\"\n3\n");
    assertThat(readText(text)).isEqualTo(t);
  }

  @Test
  void integralValuesHaveNoDecimals() throws IOException {
    Table t = Table.builder().numeric("n", 0, 3, -42, 1e15, 123456789012.0).build();

    assertThat(text(t)).isEqualTo("n\n0\n3\n-42\n1000000000000000\n123456789012\n");
  }

  @Test
  void valuesThatNeedQuotesAreQuoted() throws IOException {
    Table t =
        Table.builder()
            .categorical("s", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "plain", " padded ")
            .build();

    String text = text(t);

    assertThat(text)
        .contains("\"a,b\"")
        .contains("\"say \"\"hi\"\"\"")
        .contains("\"two\nlines\"")
        .contains("\nplain\n");
    assertThat(readText(text)).isEqualTo(t);
  }

  @Test
  void doublesRoundTripBitForBit() throws IOException {
    UniformRandomProvider rng = Seed.of(7).rng();
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      double v;
      do {
        v = RandomDoubles.next(rng);
      } while (!Double.isFinite(v)); // reading refuses infinities
      values[i] = v;
    }
    values[0] = Double.MIN_VALUE;
    values[1] = -Double.MAX_VALUE;
    values[2] = -0.0;
    values[3] = Double.MIN_NORMAL;
    values[4] = Math.nextDown(Double.MIN_NORMAL);
    values[5] = Double.MAX_VALUE;
    Table t = Table.builder().numeric("v", values).build();

    Table back = readText(text(t));

    double[] read = back.numeric("v").values();
    for (int i = 0; i < values.length; i++) {
      assertThat(Double.doubleToRawLongBits(read[i]))
          .as("row %d: %s", i, values[i])
          .isEqualTo(Double.doubleToRawLongBits(values[i]));
    }
  }

  @Test
  void aMixedTableRoundTripsThroughAFile() {
    Table t =
        Table.builder()
            .numeric("age", 31, Double.NaN, 58.5, -0.0)
            .categorical("city", "Zürich", "São Paulo", null, "New York, NY")
            .categorical("note", "NA", "\"quoted\"", "line\nbreak", null)
            .numeric("w", 1e-9, 1e300, -Double.MAX_VALUE, 0.1)
            .build();
    Path f = dir.resolve("mixed.csv");

    Csv.write(t, f);

    assertThat(Csv.read(f)).isEqualTo(t);
  }

  @Test
  void writingAFileLeavesNoTemporaryFile() throws IOException {
    Csv.write(Table.builder().numeric("x", 1).build(), dir.resolve("out.csv"));

    assertThat(filesInDir()).containsExactly("out.csv");
  }

  @Test
  void aSinkClosedWithoutCommitLeavesNoTargetAndNoTemporaryFile() throws IOException {
    Table t = Table.builder().numeric("x", 1, 2).build();
    Path target = dir.resolve("out.csv");

    try (CsvSink sink = CsvSink.open(target, t.schema())) {
      sink.write(t);
      assertThat(filesInDir()).hasSize(1).doesNotContain("out.csv");
    }

    assertThat(filesInDir()).isEmpty();
  }

  @Test
  void aSinkThatFailsLeavesAnExistingTargetUntouched() throws IOException {
    Path target = dir.resolve("out.csv");
    Files.writeString(target, "old,content\n1,2\n");
    Table t = Table.builder().numeric("x", 1, 2).build();

    assertThatThrownBy(
            () -> {
              try (CsvSink sink = CsvSink.open(target, t.schema())) {
                sink.write(t);
                throw new IllegalStateException("the run failed");
              }
            })
        .hasMessage("the run failed");

    assertThat(Files.readString(target)).isEqualTo("old,content\n1,2\n");
    assertThat(filesInDir()).containsExactly("out.csv");
  }

  @Test
  void aCommittedSinkReplacesTheTargetWithAllBatches() throws IOException {
    Path target = dir.resolve("out.csv");
    Files.writeString(target, "old\n");
    Table t =
        Table.builder()
            .numeric("x", 1, 2, 3, 4, 5)
            .categorical("k", "a", "b", "a", "c", "b")
            .build();

    try (CsvSink sink = CsvSink.open(target, t.schema())) {
      for (Table batch : t.batches(2)) {
        sink.write(batch);
      }
      sink.commit();
    }

    assertThat(Files.readString(target)).isEqualTo(text(t));
    assertThat(filesInDir()).containsExactly("out.csv");
  }

  @Test
  void aSinkRejectsABatchWithOtherColumns() {
    Table t = Table.builder().numeric("x", 1).build();
    Table other = Table.builder().numeric("y", 1).build();

    try (CsvSink sink = CsvSink.open(dir.resolve("out.csv"), t.schema())) {
      assertThatThrownBy(() -> sink.write(other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[y]")
          .hasMessageContaining("[x]");
    }
  }

  @Test
  void aWrittenFileHasTheFolderDefaultPermissionsNotThoseOfATemporaryFile() throws IOException {
    assumeThat(Files.getFileAttributeView(dir, PosixFileAttributeView.class)).isNotNull();
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);

    Path target = dir.resolve("out.csv");
    Csv.write(Table.builder().numeric("x", 1).build(), target);

    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
  }

  @Test
  void preformattedRowsGiveTheSameFileAsTables() throws IOException {
    Table t =
        Table.builder()
            .numeric("x", 1.5, Double.NaN, 1e22)
            .categorical("k", "a,b", null, "q\"uote")
            .build();
    Path direct = dir.resolve("direct.csv");
    Path formatted = dir.resolve("formatted.csv");
    Csv.write(t, direct);
    try (CsvSink sink = CsvSink.open(formatted, t.schema())) {
      sink.writeFormatted(Csv.formatRows(t.slice(0, 1)));
      sink.write(t.slice(1, 2));
      sink.writeFormatted(Csv.formatRows(t.slice(2, 3)));
      sink.commit();
    }
    assertThat(Files.readString(formatted)).isEqualTo(Files.readString(direct));
  }
}
