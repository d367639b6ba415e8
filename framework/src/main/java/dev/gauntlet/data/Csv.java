package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.RecordType;
import dev.gauntlet.UserInputException;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Reads and writes tables as CSV (RFC 4180; reading through FastCSV, writing through Commons CSV).
 *
 * <p>Reading: the first record is the header. The field delimiter is detected from the header and
 * the first rows among comma, semicolon, tab and pipe (the one that splits them into the most,
 * equally many fields; a comma when none does), unless {@link CsvOptions#delimiter()} gives one. A
 * UTF-8 byte-order mark is skipped; CRLF and LF both end a record; quoted fields may hold
 * delimiters, quotes and line breaks; blank lines are skipped. Only an empty field is missing
 * ({@code NA} is an ordinary category). Columns are typed as they stream, unless {@link CsvOptions}
 * forces a type: numeric when every non-empty value is a number by {@link NumberText#value(char[],
 * int, int)} (spaces around it allowed), datetime when every one is an ISO-8601 date or date-time,
 * else categorical. In a column forced numeric a value that is not a number is read as missing and
 * reported ({@link CsvRead#notNumbers()}), as are the few non-numbers that make a nearly numeric
 * column categorical. A numeric column may not hold an infinite number ({@code inf}, {@code
 * 1e999}): that is an error naming the line, inferred or forced alike. Categorical levels are
 * sorted, so the same values give the same codes in any row order.
 *
 * <p>Writing: a missing value is an empty field; numbers are the shortest text that reads back as
 * the same double (whole numbers without decimals); dates in their column's {@link DateTimeFormat};
 * records end with LF.
 */
public final class Csv {
  private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  private static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private static final int SAMPLE_CHARS = 1 << 16;
  private static final int SAMPLE_RECORDS = 50;
  private static final Pattern STARTED_IN_LINE = Pattern.compile("started in line (\\d+)");

  private Csv() {}

  public static Table read(Path file) {
    return read(file, CsvOptions.defaults());
  }

  public static Table read(Path file, CsvOptions options) {
    return readWithNotices(file, options).table();
  }

  /**
   * Reads a CSV file and says what the reader decided on the way (delimiter, cells that are not
   * numbers).
   */
  public static CsvRead readWithNotices(Path file, CsvOptions options) {
    // On Linux a folder opens like a file and fails only on the first read, inside the parser.
    if (Files.isDirectory(file)) {
      throw new UserInputException(
          file.toString(), "a folder", "a CSV file", "give the path of a file in that folder");
    }
    try {
      return read(() -> fileReader(file), file.toString(), options);
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
      throw readError(file.toString(), e);
    }
  }

  private static Reader fileReader(Path file) throws IOException {
    // a decoder that reports bytes that are not UTF-8 (the default of newDecoder)
    return new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder());
  }

  /**
   * Reads CSV text.
   *
   * @param source the name used in error messages, usually the file path
   */
  public static Table read(Reader reader, String source, CsvOptions options) {
    return readWithNotices(reader, source, options).table();
  }

  /** Reads CSV text and says what the reader decided on the way. */
  public static CsvRead readWithNotices(Reader reader, String source, CsvOptions options) {
    // held as one String so that a second pass (a column that turned out to be text) can read it
    StringBuilder text = new StringBuilder();
    char[] buf = new char[8192];
    try {
      for (int n; (n = reader.read(buf)) > 0; ) {
        text.append(buf, 0, n);
      }
      String all = text.toString();
      return read(() -> new StringReader(all), source, options);
    } catch (IOException e) {
      throw readError(source, e);
    }
  }

  /** Opens the text from its start, once per pass. */
  private interface Opener {
    Reader open() throws IOException;
  }

  private static CsvRead read(Opener opener, String source, CsvOptions options) throws IOException {
    char delimiter;
    boolean detected = options.delimiter() == null;
    if (detected) {
      try (Reader in = new TailReader(opener.open())) {
        delimiter = detectDelimiter(in);
      }
    } else {
      delimiter = options.delimiter();
    }
    TableHandler handler = new TableHandler(source, options);
    parse(opener, source, delimiter, handler);
    int rows = handler.rows;
    if (rows > 0) {
      int pendingRows = 0;
      for (ColumnBuilder c : handler.columns) {
        pendingRows = Math.max(pendingRows, c.pendingRows());
      }
      if (pendingRows > 0) {
        parse(opener, source, delimiter, new SecondPass(handler.columns, pendingRows));
      }
    }
    List<ColumnSpec> specs = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    List<CsvRead.NotNumbers> notNumbers = new ArrayList<>();
    ColumnBuilder[] builders = handler.columns;
    for (int j = 0; j < builders.length; j++) {
      ColumnBuilder b = builders[j];
      ColumnRole role = options.roles().getOrDefault(b.name, ColumnRole.FEATURE);
      specs.add(new ColumnSpec(b.name, b.type(), role, b.dateFormat()));
      CsvRead.NotNumbers n = b.notNumbers();
      if (n != null) {
        notNumbers.add(n);
      }
      columns.add(b.build(source));
      builders[j] = null; // its chunks can go as soon as the column is built
    }
    return new CsvRead(
        Table.of(Schema.of(specs), columns), source, delimiter, detected, notNumbers);
  }

  /**
   * The delimiter that splits the header and the first records into the most fields, the same
   * number in each; a comma when none splits the header.
   */
  private static char detectDelimiter(Reader in) throws IOException {
    char[] sample = new char[SAMPLE_CHARS];
    int n = 0;
    for (int k; n < sample.length && (k = in.read(sample, n, sample.length - n)) > 0; ) {
      n += k;
    }
    boolean cut = n == sample.length;
    String text = new String(sample, 0, n);
    char best = ',';
    int bestFields = 1;
    for (char d : DELIMITERS) {
      int fields = consistentFields(text, d, cut);
      if (fields > bestFields) {
        best = d;
        bestFields = fields;
      }
    }
    return best;
  }

  /** The header's field count when the sampled records all have it, else 0. */
  private static int consistentFields(String text, char delimiter, boolean cut) {
    List<Integer> counts = new ArrayList<>();
    try (CsvReader<CsvRecord> records =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .ofCsvRecord(text)) {
      for (CsvRecord r : records) {
        counts.add(r.getFieldCount());
        if (counts.size() > SAMPLE_RECORDS) {
          cut = true;
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      return 0; // this delimiter does not parse the sample
    }
    if (cut && counts.size() > 1) {
      counts.remove(counts.size() - 1); // the last record may be cut short by the sample's end
    }
    if (counts.isEmpty()) {
      return 0;
    }
    int header = counts.get(0);
    return counts.stream().allMatch(c -> c == header) ? header : 0;
  }

  private static void parse(
      Opener opener, String source, char delimiter, AbstractBaseCsvCallbackHandler<Object> handler)
      throws IOException {
    try (TailReader in = new TailReader(opener.open());
        CsvReader<Object> reader =
            CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .allowExtraCharsAfterClosingQuote(false)
                .build(handler, in)) {
      if (handler instanceof TableHandler t) {
        t.tail = in;
      }
      Iterator<Object> records = reader.iterator();
      while (records.hasNext()) {
        records.next(); // the handler keeps everything; it returns no record
      }
      if (handler instanceof TableHandler t) {
        t.finish();
      }
    } catch (UncheckedIOException e) {
      throw readError(source, e.getCause());
    } catch (CsvParseException e) {
      throw parseError(source, e);
    }
  }

  private static UserInputException parseError(String source, CsvParseException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof UserInputException u) {
        return u;
      }
      if (c instanceof UncheckedIOException io) {
        return readError(source, io.getCause());
      }
      if (c instanceof IOException io) {
        return readError(source, io);
      }
    }
    Matcher m = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
    String where = m.find() ? source + ":" + m.group(1) : source;
    String message =
        String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
    String found =
        message.contains("after closing quote")
            ? "text after the closing quote of a field"
            : message;
    return new UserInputException(
        where,
        found,
        "well-formed CSV (RFC 4180)",
        "close every quoted field with a double quote; write a quote inside one as \"\"",
        e);
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
    return new UserInputException(
        source,
        "cannot read: " + e.getMessage(),
        "a readable CSV file",
        "check the path and the file",
        e);
  }

  private static UserInputException unclosedQuote(String where) {
    return new UserInputException(
        where,
        "a quoted field that is still open at the end of the file",
        "well-formed CSV (RFC 4180)",
        "close every quoted field with a double quote; write a quote inside one as \"\"");
  }

  /**
   * Drops a UTF-8 byte-order mark and keeps the last characters read, to tell at the end whether
   * the last quoted field was closed (FastCSV takes an open one to the end of the file as its
   * value).
   */
  private static final class TailReader extends FilterReader {
    private static final int KEEP = 1 << 12;
    private final char[] tail = new char[KEEP];
    private long total;
    private boolean started;
    private boolean ended;

    TailReader(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      int n = read(one, 0, 1);
      return n <= 0 ? -1 : one[0];
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (!started && n > 0) {
        started = true;
        if (buf[off] == '\uFEFF') {
          System.arraycopy(buf, off + 1, buf, off, n - 1);
          n--;
          if (n == 0) {
            return read(buf, off, len);
          }
        }
      }
      if (n < 0) {
        ended = true;
        return n;
      }
      for (int k = Math.max(0, n - KEEP); k < n; k++) {
        tail[(int) (total++ % KEEP)] = buf[off + k];
      }
      return n;
    }

    /** The last {@code count} characters, or null when fewer were read. */
    String last(int count) {
      if (count > total) {
        return null;
      }
      char[] out = new char[count];
      for (int k = 0; k < count; k++) {
        out[k] = tail[(int) ((total - count + k) % KEEP)];
      }
      return new String(out);
    }

    /**
     * Whether the text ends as a quoted field of this value would if it were closed: the value with
     * doubled quotes between two quotes, then line breaks at most.
     */
    boolean endsClosed(String value) {
      String closed = "\"" + value.replace("\"", "\"\"") + "\"";
      int breaks = 0;
      while (breaks < Math.min(total, KEEP)) {
        char c = tail[(int) ((total - 1 - breaks) % KEEP)];
        if (c != '\r' && c != '\n') {
          break;
        }
        breaks++;
      }
      if (closed.length() + breaks > KEEP) {
        return true; // too long to tell: take it as closed
      }
      String end = last(closed.length() + breaks);
      // null: the text is shorter than the closed field would be
      return end != null && end.startsWith(closed);
    }
  }

  /** Types the columns as the records stream by. */
  private static final class TableHandler extends AbstractBaseCsvCallbackHandler<Object> {
    private final String source;
    private final CsvOptions options;
    private List<String> header = new ArrayList<>();
    private int width = -1;
    ColumnBuilder[] columns = new ColumnBuilder[0];
    int rows;
    TailReader tail;
    private boolean lastQuoted;
    private String lastQuotedValue;
    private long lastLine = 1;
    private long recordLine = 1; // where the last data record (header included) starts
    private boolean recordEndsQuoted;
    private String recordLastValue;

    TableHandler(String source, CsvOptions options) {
      this.source = source;
      this.options = options;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      lastLine = startingLineNumber;
      lastQuoted = false;
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (width < 0) {
        header.add(new String(buf, offset, len));
      } else if (index < width) {
        columns[index].accept(buf, offset, len, lastLine);
      }
      lastQuoted = quoted;
      lastQuotedValue = quoted && len <= TailReader.KEEP ? new String(buf, offset, len) : null;
    }

    @Override
    protected Object buildRecord() {
      if (getRecordType() != RecordType.DATA) {
        return null;
      }
      recordLine = lastLine;
      recordEndsQuoted = lastQuoted;
      recordLastValue = lastQuotedValue;
      if (width < 0) {
        checkHeader(header, source + ":" + lastLine);
        checkOptions(header, options, source);
        width = header.size();
        columns = new ColumnBuilder[width];
        for (int j = 0; j < width; j++) {
          columns[j] = new ColumnBuilder(header.get(j), options.types().get(header.get(j)));
        }
        return null;
      }
      int fields = getFieldCount();
      if (fields != width) {
        if (tail != null && tail.ended && openAtEnd()) {
          throw unclosedQuote(source + ":" + lastLine);
        }
        throw new UserInputException(
            source + ":" + lastLine,
            "a row of " + fields + " field" + (fields == 1 ? "" : "s"),
            width + " fields, one per header column " + header,
            fields < width
                ? "add the missing fields (leave a field empty for a missing value)"
                : "remove the extra fields, or quote values that contain the delimiter");
      }
      rows++;
      return null;
    }

    private boolean openAtEnd() {
      return recordEndsQuoted && recordLastValue != null && !tail.endsClosed(recordLastValue);
    }

    void finish() {
      if (width < 0) {
        throw new UserInputException(
            source,
            "an empty file",
            "a header row naming the columns, then data rows",
            "add a header row such as: age,income,label");
      }
      if (openAtEnd()) {
        throw unclosedQuote(source + ":" + recordLine);
      }
    }
  }

  /** Reads the first rows again for the columns that turned out to be text after some values. */
  private static final class SecondPass extends AbstractBaseCsvCallbackHandler<Object> {
    private final ColumnBuilder[] columns;
    private final int[] pending;
    private final int rows;
    private boolean header = true;
    private int row;

    SecondPass(ColumnBuilder[] columns, int rows) {
      this.columns = columns;
      this.rows = rows;
      this.pending = new int[columns.length];
      for (int j = 0; j < columns.length; j++) {
        pending[j] = columns[j].pendingRows();
      }
    }

    @Override
    protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
      if (!header && row < rows && index < pending.length && row < pending[index]) {
        columns[index].acceptAgain(row, buf, offset, len);
      }
    }

    @Override
    protected Object buildRecord() {
      if (getRecordType() == RecordType.DATA) {
        if (header) {
          header = false;
        } else {
          row++;
        }
      }
      return null;
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
        throw Schema.unknownColumn(
            source + " (column " + quote(name) + ")",
            name,
            header,
            "no column of that name in the header");
      }
    }
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
    List<ColumnSpec> specs = table.schema().columns();
    String[] fields = new String[width];
    for (int r = 0; r < table.rowCount(); r++) {
      for (int j = 0; j < width; j++) {
        String text = specs.get(j).format(table.column(j), r);
        // Commons CSV quotes an empty first field (""), a null one it leaves empty; a record of
        // one empty field keeps its "" or it would be a blank line, which readers skip
        fields[j] = text.isEmpty() && width > 1 ? null : text;
      }
      printer.printRecord((Object[]) fields);
    }
  }
}
