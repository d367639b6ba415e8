package dev.gauntlet.data;

import dev.gauntlet.internal.AtomicFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;

/**
 * Streams tables with one schema into a CSV file, batch by batch. Rows go to a temporary file in
 * the target's folder; {@link #commit()} moves it into place, and {@link #close()} without a commit
 * deletes it, so a failed run leaves no half-written file.
 */
public final class CsvSink implements AutoCloseable {
  private final AtomicFile file;
  private final Schema schema;
  private final Writer writer;
  private final CSVPrinter printer;
  private boolean done;

  private CsvSink(AtomicFile file, Schema schema, Writer writer) throws IOException {
    this.file = file;
    this.schema = schema;
    this.writer = writer;
    this.printer = Csv.printer(writer);
    printer.printRecord(schema.names());
  }

  /**
   * @throws dev.gauntlet.UserInputException when the target cannot be written: a folder, in a
   *     folder that does not exist, not writable
   */
  public static CsvSink open(Path target, Schema schema) {
    AtomicFile file = AtomicFile.open(target);
    Writer writer = null;
    try {
      writer = Files.newBufferedWriter(file.temp(), StandardCharsets.UTF_8);
      return new CsvSink(file, schema, writer);
    } catch (IOException e) {
      closeQuietly(writer);
      file.close();
      throw AtomicFile.cannotWrite(target, e);
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
      throw AtomicFile.cannotWrite(file.target(), e);
    }
  }

  /** Appends rows already formatted by {@link Csv#formatRows} for a table of this schema. */
  public void writeFormatted(String rows) {
    try {
      printer.flush();
      writer.write(rows);
    } catch (IOException e) {
      throw AtomicFile.cannotWrite(file.target(), e);
    }
  }

  /** Finishes the file and moves it into place. */
  public void commit() {
    try {
      printer.flush();
      writer.close();
    } catch (IOException e) {
      throw AtomicFile.cannotWrite(file.target(), e);
    }
    file.commit();
    done = true;
  }

  @Override
  public void close() {
    if (!done) {
      closeQuietly(writer);
      file.close();
      done = true;
    }
  }

  private static void closeQuietly(Writer writer) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException ignored) {
        // the file is being discarded
      }
    }
  }
}
