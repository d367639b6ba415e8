package dev.gauntlet.data;

import dev.gauntlet.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams tables with one schema into a CSV file, batch by batch. Rows go to a temporary file in
 * the target's folder; {@link #commit()} moves it into place, and {@link #close()} without a commit
 * deletes it, so a failed run leaves no half-written file.
 */
public final class CsvSink implements AutoCloseable {
  private final Path target;
  private final Path temp;
  private final Schema schema;
  private final Writer writer;
  private final CSVPrinter printer;
  private boolean done;

  private CsvSink(Path target, Path temp, Schema schema, Writer writer) throws IOException {
    this.target = target;
    this.temp = temp;
    this.schema = schema;
    this.writer = writer;
    this.printer = Csv.printer(writer);
    printer.printRecord(schema.names());
  }

  public static CsvSink open(Path target, Schema schema) {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = null;
    try {
      temp = createPart(dir, target.getFileName().toString());
      return new CsvSink(
          target, temp, schema, Files.newBufferedWriter(temp, StandardCharsets.UTF_8));
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new UserInputException(
          target.toString(),
          "cannot write: " + e.getMessage(),
          "a writable path",
          "check that the folder " + dir + " exists and is writable",
          e);
    }
  }

  /** Appends the rows of a table with this sink's schema (names and types). */
  public void write(Table batch) {
    if (!batch.schema().names().equals(schema.names())) {
      throw new IllegalArgumentException(
          "batch columns " + batch.schema().names() + " differ from " + schema.names());
    }
    try {
      Csv.writeRows(batch, printer);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }

  /** Appends rows already formatted by {@link Csv#formatRows} for a table of this schema. */
  public void writeFormatted(String rows) {
    try {
      printer.flush();
      writer.write(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }

  /** Finishes the file and moves it into place. */
  public void commit() {
    try {
      printer.flush();
      writer.close();
      try {
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      done = true;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target, e);
    }
  }

  @Override
  public void close() {
    if (!done) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // the file is being discarded
      }
      deleteQuietly(temp);
      done = true;
    }
  }

  /**
   * Creates an empty {@code .name.<random>.part} file in {@code dir}. Not {@link
   * Files#createTempFile}: that makes the file owner-only (0600), and the move would give the
   * target that mode; {@link Files#createFile} gives the folder's usual permissions.
   */
  private static Path createPart(Path dir, String name) throws IOException {
    while (true) {
      try {
        return Files.createFile(dir.resolve("." + name + "." + UUID.randomUUID() + ".part"));
      } catch (FileAlreadyExistsException e) {
        // another name, then
      }
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // nothing more to do
      }
    }
  }
}
