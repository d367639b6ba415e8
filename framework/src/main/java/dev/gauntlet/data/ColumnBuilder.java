package dev.gauntlet.data;

import static dev.gauntlet.UserInputException.quote;

import dev.gauntlet.UserInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One CSV column typed as it streams: numbers and dates become doubles at once, other text becomes
 * level codes, so no cell's text is kept. A column that turns out to be text after some numbers or
 * dates marks its earlier rows for a second pass ({@link #pendingRows()}).
 */
final class ColumnBuilder {
  private static final int CHUNK_BITS = 16;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int MAX_SAMPLES = 5;
  private static final int KIND_NONE = 0;
  private static final int KIND_NUMBER = 1;
  private static final int KIND_DATE = 2;

  final String name;
  private final ColumnType forced;
  private int rows;
  private int kind = KIND_NONE;
  private boolean text;
  private int textFrom;
  private boolean pending;
  private List<double[]> values = new ArrayList<>();
  private List<int[]> codes;
  private LevelIndex levels;
  private final DateTimeText.Style style = new DateTimeText.Style();
  private long numbers;
  private long notNumbers;
  private final List<CsvRead.Cell> samples = new ArrayList<>();

  /** The distinct texts of the non-numbers, up to {@link #FEW_MARKERS} + 1 of them. */
  private final java.util.Set<String> markers = new java.util.HashSet<>();

  /**
   * At most this many distinct non-numbers (such as N/A, -, ?) read like missing-value markers: a
   * column otherwise numeric is nearly numeric while they are at most {@link #MARKER_PERCENT} % of
   * its values, where any other non-numbers must be at most 1 %.
   */
  static final int FEW_MARKERS = 3;

  static final int MARKER_PERCENT = 5;
  private String infiniteText;
  private long infiniteLine;

  ColumnBuilder(String name, ColumnType forced) {
    this.name = name;
    this.forced = forced;
    if (forced == ColumnType.CATEGORICAL) {
      toText(0, false);
    }
  }

  void accept(char[] buf, int off, int len, long line) {
    int r = rows++;
    if (text) {
      if (len == 0) {
        putCode(r, CategoricalColumn.MISSING);
        return;
      }
      putCode(r, levels.code(buf, off, len));
      if (forced == null) {
        count(buf, off, len, line);
      }
      return;
    }
    if (len == 0) {
      putValue(r, Double.NaN);
      return;
    }
    double v = NumberText.value(buf, off, len);
    if (!Double.isNaN(v)) {
      numbers++;
      if (Double.isInfinite(v) && infiniteText == null) {
        infiniteText = new String(buf, off, len);
        infiniteLine = line;
      }
      if (kind == KIND_DATE) {
        switchToText(r, buf, off, len);
        return;
      }
      kind = KIND_NUMBER;
      putValue(r, v);
      return;
    }
    notNumbers++;
    sample(buf, off, len, line);
    if (forced == ColumnType.NUMERIC) {
      putValue(r, Double.NaN);
      return;
    }
    double d = kind == KIND_NUMBER ? Double.NaN : DateTimeText.parse(buf, off, len, style);
    if (!Double.isNaN(d)) {
      kind = KIND_DATE;
      putValue(r, d);
      return;
    }
    switchToText(r, buf, off, len);
  }

  /** Counts numbers and the rest in a text column, for {@link #notNumbers()}. */
  private void count(char[] buf, int off, int len, long line) {
    if (notNumbers > 10_000) {
      return; // plainly text; stop looking
    }
    if (!Double.isNaN(NumberText.value(buf, off, len))) {
      numbers++;
    } else {
      notNumbers++;
      sample(buf, off, len, line);
    }
  }

  private void sample(char[] buf, int off, int len, long line) {
    if (samples.size() < MAX_SAMPLES) {
      samples.add(new CsvRead.Cell(new String(buf, off, len), line));
    }
    if (markers.size() <= FEW_MARKERS) {
      markers.add(new String(buf, off, len));
    }
  }

  private void switchToText(int r, char[] buf, int off, int len) {
    toText(r, kind != KIND_NONE);
    putCode(r, levels.code(buf, off, len));
  }

  /**
   * From row {@code r} on, cells are level codes; earlier rows are read again if they had values.
   */
  private void toText(int r, boolean earlierValues) {
    text = true;
    textFrom = r;
    pending = earlierValues;
    values = null;
    codes = new ArrayList<>();
    levels = new LevelIndex();
    if (!earlierValues) {
      for (int i = 0; i < r; i++) {
        putCode(i, CategoricalColumn.MISSING); // every earlier cell was empty
      }
    }
  }

  /** The rows {@code [0, n)} to read again for their text (0 when none). */
  int pendingRows() {
    return pending ? textFrom : 0;
  }

  /** Sets the code of an earlier row on the second pass. */
  void acceptAgain(int row, char[] buf, int off, int len) {
    putCode(row, len == 0 ? CategoricalColumn.MISSING : levels.code(buf, off, len));
  }

  private void putValue(int r, double v) {
    int c = r >>> CHUNK_BITS;
    if (c == values.size()) {
      values.add(new double[CHUNK]);
    }
    values.get(c)[r & (CHUNK - 1)] = v;
  }

  private void putCode(int r, int code) {
    int c = r >>> CHUNK_BITS;
    while (c >= codes.size()) {
      codes.add(new int[CHUNK]);
    }
    codes.get(c)[r & (CHUNK - 1)] = code;
  }

  ColumnType type() {
    if (text) {
      return ColumnType.CATEGORICAL;
    }
    return kind == KIND_DATE ? ColumnType.DATETIME : ColumnType.NUMERIC;
  }

  DateTimeFormat dateFormat() {
    return type() == ColumnType.DATETIME ? style.format() : null;
  }

  /**
   * The cells that are not numbers in a column read as text though nearly all its values are
   * numbers (the others at most 1 %, or at most 5 % when they are at most 3 distinct texts, such as
   * N/A), or in a forced numeric column; null otherwise.
   */
  CsvRead.NotNumbers notNumbers() {
    boolean forcedNumeric = forced == ColumnType.NUMERIC;
    long values = numbers + notNumbers;
    boolean fewMarkers =
        markers.size() <= FEW_MARKERS && 100 * notNumbers <= MARKER_PERCENT * values;
    boolean nearlyNumeric =
        text
            && forced == null
            && numbers > 0
            && notNumbers > 0
            && (100 * notNumbers <= values || fewMarkers);
    if (!(forcedNumeric && notNumbers > 0) && !nearlyNumeric) {
      return null;
    }
    return new CsvRead.NotNumbers(
        name, forcedNumeric, notNumbers, numbers + notNumbers, List.copyOf(samples));
  }

  /** The finished column; an infinite number in a numeric column is an error. */
  Column build(String source) {
    int n = rows;
    if (text) {
      List<String> found = levels.levels();
      List<String> sorted = new ArrayList<>(found);
      sorted.sort(null);
      int[] renumber = new int[found.size()];
      Map<String, Integer> rank = new HashMap<>();
      for (int k = 0; k < sorted.size(); k++) {
        rank.put(sorted.get(k), k);
      }
      for (int k = 0; k < found.size(); k++) {
        renumber[k] = rank.get(found.get(k));
      }
      int[] out = new int[n];
      for (int r = 0; r < n; r++) {
        int code = codes.get(r >>> CHUNK_BITS)[r & (CHUNK - 1)];
        out[r] = code == CategoricalColumn.MISSING ? code : renumber[code];
      }
      codes = null;
      return CategoricalColumn.wrap(out, sorted);
    }
    if (infiniteText != null && kind != KIND_DATE) {
      throw new UserInputException(
          source + ":" + infiniteLine + " (column " + quote(name) + ")",
          quote(infiniteText) + ", which is infinite as a double",
          "a finite number, since the column is numeric",
          "replace the value or remove the row (leave the field empty if it is missing), or"
              + " read the column as categorical (--categorical "
              + name
              + ")");
    }
    double[] out = new double[n];
    for (int c = 0; c < values.size(); c++) {
      int from = c << CHUNK_BITS;
      System.arraycopy(values.get(c), 0, out, from, Math.min(CHUNK, n - from));
      values.set(c, null);
    }
    values = null;
    return NumericColumn.wrap(out);
  }
}
