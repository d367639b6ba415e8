package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads and writes tables as CSV (RFC 4180, through Commons CSV).
 *
 * <p>Reading: the first record is the header. A UTF-8 byte-order mark is skipped; CRLF and LF both
 * end a record; quoted fields may hold commas, quotes and line breaks. Only an empty field is
 * missing ({@code NA} is an ordinary category). A column is numeric when every non-empty value is a
 * number by {@link NumberText#isNumber}, else categorical, unless {@link CsvOptions} forces its
 * type. A numeric column may not hold an infinite number ({@code inf}, {@code 1e999}): that is an
 * error naming the line, inferred or forced alike. Categorical levels are sorted, so the same
 * values give the same codes in any row order.
 *
 * <p>Writing: a missing value is an empty field; numbers are the shortest text that reads back as
 * the same double (whole numbers without decimals); records end with LF.
 */
public final class Csv {
  private static final CSVFormat READ = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
  private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private Csv() {}

  public static Table read(Path file) {
    return read(file, CsvOptions.defaults());
  }

  public static Table read(Path file, CsvOptions options) {
    // On Linux a folder opens like a file and fails only on the first read, inside the parser.
    if (Files.isDirectory(file)) {
      throw new UserInputException(
          file.toString(), "a folder", "a CSV file", "give the path of a file in that folder");
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, file.toString(), options);
    } catch (NoSuchFileException e) {
      throw new UserInputException(
          file.toString(), "no such file", "a readable CSV file", "check the path and the folder");
    } catch (AccessDeniedException e) {
      throw new UserInputException(
          file.toString(),
          "permission denied",
          "a readable CSV file",
          "check the file's permissions");
    } catch (IOException e) {
      throw new UserInputException(
          file.toString(),
          "cannot read: " + e.getMessage(),
          "a readable CSV file",
          "check the path and the file",
          e);
    }
  }

  /**
   * Reads CSV text.
   *
   * @param source the name used in error messages, usually the file path
   */
  public static Table read(Reader reader, String source, CsvOptions options) {
    try {
      LineBreaks lines = new LineBreaks(skipBom(reader));
      try (CSVParser parser = CSVParser.builder().setReader(lines).setFormat(READ).get()) {
        return parse(parser, lines, source, options);
      }
    } catch (UncheckedIOException e) {
      throw readError(source, e.getCause());
    } catch (IOException e) {
      throw readError(source, e);
    }
  }

  private static UserInputException readError(String source, IOException e) {
    if (e instanceof CharacterCodingException) {
      return new UserInputException(
          source,
          "bytes that are not UTF-8 text",
          "a UTF-8 encoded CSV file",
          "re-save the file as UTF-8 (for example: iconv -f latin1 -t utf-8)",
          e);
    }
    // Commons CSV reports a broken quote as an IOException naming the line.
    return new UserInputException(
        source,
        String.valueOf(e.getMessage()),
        "well-formed CSV (RFC 4180)",
        "close every quoted field with a double quote; write a quote inside one as \"\"",
        e);
  }

  private static Reader skipBom(Reader reader) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    in.mark(1);
    if (in.read() != '\uFEFF') {
      in.reset();
    }
    return in;
  }

  private static Table parse(
      CSVParser parser, LineBreaks lineBreaks, String source, CsvOptions options)
      throws IOException {
    var records = parser.iterator();
    if (!hasNext(records, source, lineBreaks, 0)) {
      throw new UserInputException(
          source,
          "an empty file",
          "a header row naming the columns, then data rows",
          "add a header row such as: age,income,label");
    }
    List<String> header = records.next().toList();
    checkHeader(header, source + ":" + lineBreaks.recordStart(0));
    checkOptions(header, options, source);

    int width = header.size();
    // the text column by column, as read: each column's pass below then walks one array instead
    // of every row's (reading a million rows spent most of its time chasing row arrays)
    // room for 1024 rows, or fewer on a wide file (a million slots at most before any row)
    int capacity = Math.max(16, Math.min(1024, (1 << 20) / Math.max(1, width)));
    String[][] text = new String[width][capacity];
    long[] lines = new long[capacity];
    int n = 0;
    long lineBefore = parser.getCurrentLineNumber();
    while (hasNext(records, source, lineBreaks, lineBefore)) {
      CSVRecord record = records.next();
      long line = lineBreaks.recordStart(lineBefore);
      lineBefore = parser.getCurrentLineNumber();
      if (record.size() != width) {
        throw new UserInputException(
            source + ":" + line,
            "a row of " + record.size() + " field" + (record.size() == 1 ? "" : "s"),
            width + " fields, one per header column " + header,
            record.size() < width
                ? "add the missing fields (leave a field empty for a missing value)"
                : "remove the extra fields, or quote values that contain commas");
      }
      if (n == lines.length) {
        lines = Arrays.copyOf(lines, 2 * n);
        for (int j = 0; j < width; j++) {
          text[j] = Arrays.copyOf(text[j], 2 * n);
        }
      }
      for (int j = 0; j < width; j++) {
        text[j][n] = record.get(j);
      }
      lines[n++] = line;
    }

    List<ColumnSpec> specs = new ArrayList<>(width);
    List<Column> columns = new ArrayList<>(width);
    for (int j = 0; j < width; j++) {
      String name = header.get(j);
      ColumnType forced = options.types().get(name);
      boolean numbers = forced != ColumnType.CATEGORICAL && allNumbers(text[j], n);
      ColumnType type =
          forced != null ? forced : numbers ? ColumnType.NUMERIC : ColumnType.CATEGORICAL;
      ColumnRole role = options.roles().getOrDefault(name, ColumnRole.FEATURE);
      specs.add(new ColumnSpec(name, type, role));
      columns.add(
          type == ColumnType.NUMERIC
              ? numericColumn(text[j], n, numbers, lines, name, source)
              : categoricalColumn(text[j], n));
      text[j] = null;
    }
    return Table.of(Schema.of(specs), columns);
  }

  /**
   * Reads ahead to the next record. A syntax error (a quote never closed, text after a closing
   * quote) names the line where the broken record starts.
   */
  private static boolean hasNext(
      Iterator<CSVRecord> records, String source, LineBreaks lineBreaks, long lineBefore) {
    try {
      return records.hasNext();
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CSVException syntax) {
        throw syntaxError(source + ":" + lineBreaks.recordStart(lineBefore), syntax);
      }
      throw e;
    }
  }

  private static UserInputException syntaxError(String where, CSVException e) {
    String message = String.valueOf(e.getMessage());
    String found;
    if (message.contains("EOF reached before encapsulated token finished")) {
      found = "a quoted field that is still open at the end of the file";
    } else if (message.contains("Invalid character between encapsulated token and delimiter")) {
      found = "text after the closing quote of a field";
    } else {
      found = message;
    }
    return new UserInputException(
        where,
        found,
        "well-formed CSV (RFC 4180)",
        "close every quoted field with a double quote; write a quote inside one as \"\"",
        e);
  }

  /**
   * Watches the text go by to know which lines are empty, since the parser skips them: a record
   * that follows line {@code n} starts on the first non-empty line after it. Line breaks are
   * counted as Commons CSV counts them (CR, LF or CRLF), one bit per line.
   */
  private static final class LineBreaks extends FilterReader {
    private final BitSet emptyLines = new BitSet();
    private int line = 1;
    private long position;
    private long lineStart;
    private int previous = -1;

    LineBreaks(Reader in) {
      super(in);
    }

    /** The line where the record after line {@code lineBefore} starts. */
    long recordStart(long lineBefore) {
      int n = (int) lineBefore + 1;
      while (emptyLines.get(n)) {
        n++;
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) {
        see((char) c);
      }
      return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = 0; i < n; i++) {
        see(buf[off + i]);
      }
      return n;
    }

    private void see(char c) {
      if (c == '\n' && previous == '\r') {
        lineStart = position + 1; // the second half of a CRLF
      } else if (c == '\n' || c == '\r') {
        if (position == lineStart) {
          emptyLines.set(line);
        }
        line++;
        lineStart = position + 1;
      }
      previous = c;
      position++;
    }
  }

  private static void checkHeader(List<String> header, String headerLine) {
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < header.size(); j++) {
      String name = header.get(j);
      if (name.isBlank()) {
        throw new UserInputException(
            headerLine + " (header field " + (j + 1) + ")",
            "an empty column name",
            "a name for every column",
            "name the column in the header row");
      }
      if (!seen.add(name)) {
        throw new UserInputException(
            headerLine + " (header field " + (j + 1) + ")",
            "column " + quote(name) + " again",
            "unique column names",
            "rename one of the two columns");
      }
    }
  }

  private static void checkOptions(List<String> header, CsvOptions options, String source) {
    Set<String> named = new TreeSet<>(options.types().keySet());
    named.addAll(options.roles().keySet());
    for (String name : named) {
      if (!header.contains(name)) {
        throw new UserInputException(
            source + " (column " + quote(name) + ")", "no column of that name in the header",
            "one of " + header, "use one of the header's names (they are case-sensitive)");
      }
    }
  }

  /** Whether every non-empty value of the first {@code n} is a number. */
  private static boolean allNumbers(String[] text, int n) {
    for (int i = 0; i < n; i++) {
      String v = text[i];
      if (!v.isEmpty() && !NumberText.isNumber(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first {@code n} values as numbers; {@code numbers} says they were all checked to be numbers
   * (or empty), else each is checked here.
   */
  private static Column numericColumn(
      String[] text, int n, boolean numbers, long[] lines, String name, String source) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      String v = text[i];
      if (v.isEmpty()) {
        values[i] = Double.NaN;
      } else if (numbers || NumberText.isNumber(v)) {
        values[i] = NumberText.parse(v);
        // an infinity breaks every statistic downstream (means, covariances, fits)
        if (Double.isInfinite(values[i])) {
          throw new UserInputException(
              source + ":" + lines[i] + " (column " + quote(name) + ")",
              quote(v) + ", which is infinite as a double",
              "a finite number, since the column is numeric",
              "replace the value or remove the row (leave the field empty if it is missing), or"
                  + " read the column as categorical (--categorical "
                  + name
                  + ")");
        }
      } else {
        throw new UserInputException(
            source + ":" + lines[i] + " (column " + quote(name) + ")",
            quote(v),
            "a number, since the column is forced numeric",
            "correct the value, leave it empty if it is missing, or read the column as categorical");
      }
    }
    return NumericColumn.wrap(values);
  }

  /** The first {@code n} values as codes into their sorted distinct levels (empty: missing). */
  private static Column categoricalColumn(String[] text, int n) {
    // codes in order of first appearance (one hash lookup a value), then renumbered in level order
    Map<String, Integer> seen = new HashMap<>();
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      String v = text[i];
      if (v.isEmpty()) {
        codes[i] = CategoricalColumn.MISSING;
      } else {
        Integer code = seen.putIfAbsent(v, seen.size());
        codes[i] = code == null ? seen.size() - 1 : code;
      }
    }
    List<String> levels = new ArrayList<>(seen.keySet());
    levels.sort(null);
    int[] renumber = new int[levels.size()];
    for (int k = 0; k < levels.size(); k++) {
      renumber[seen.get(levels.get(k))] = k;
    }
    for (int i = 0; i < n; i++) {
      if (codes[i] != CategoricalColumn.MISSING) {
        codes[i] = renumber[codes[i]];
      }
    }
    return CategoricalColumn.wrap(codes, levels);
  }

  /**
   * Writes a table to a file atomically: the text goes to a temporary file beside it, which
   * replaces the target only when complete, so a failure leaves nothing half-written.
   */
  public static void write(Table table, Path file) {
    try (CsvSink sink = CsvSink.open(file, table.schema())) {
      sink.write(table);
      sink.commit();
    }
  }

  /** Writes the header and rows of a table. */
  public static void write(Table table, Writer out) throws IOException {
    CSVPrinter printer = new CSVPrinter(out, WRITE);
    printer.printRecord(table.schema().names());
    writeRows(table, printer);
    printer.flush();
  }

  /**
   * The rows of a table as CSV text without the header, each record ending with LF: the text {@link
   * CsvSink#write(Table)} appends. Lets worker threads format batches while one thread writes them
   * ({@link CsvSink#writeFormatted}).
   */
  public static String formatRows(Table table) {
    StringBuilder text =
        new StringBuilder(Math.max(16, table.rowCount() * table.columnCount() * 8));
    try {
      writeRows(table, new CSVPrinter(text, WRITE));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not fail
    }
    return text.toString();
  }

  static CSVPrinter printer(Writer out) throws IOException {
    return new CSVPrinter(out, WRITE);
  }

  static void writeRows(Table table, CSVPrinter printer) throws IOException {
    int width = table.columnCount();
    String[] fields = new String[width];
    for (int r = 0; r < table.rowCount(); r++) {
      for (int j = 0; j < width; j++) {
        String text = table.column(j).format(r);
        // Commons CSV quotes an empty first field (""); a missing value is an empty field, which
        // a null prints unquoted. A one-column row keeps "" so that it is not an empty line.
        fields[j] = text.isEmpty() && width > 1 ? null : text;
      }
      printer.printRecord((Object[]) fields);
    }
  }
}
