package dev.gauntlet.data;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads ISO-8601 dates and date-times in CSV cells: {@code 2024-01-31}, {@code 2024-01-31T10:00},
 * {@code 2024-01-31T10:00:00.250}, the same with a space instead of {@code T}, each optionally
 * followed by {@code Z} or an offset ({@code +02:00}, {@code +0200}, {@code +02}). Spaces around
 * the text are dropped. The value is epoch seconds; a time without an offset counts as UTC.
 * Calendar checks (February 30th is not a date) are java.time's.
 */
final class DateTimeText {
  private DateTimeText() {}

  /** What the values of one column looked like, to write them back the same way. */
  static final class Style {
    private boolean any;
    private boolean time;
    private char separator = 'T';
    private boolean seconds;
    private int fractionDigits;
    private String offset;
    private boolean mixedOffsets;

    void see(boolean hasTime, char sep, boolean hasSeconds, int digits, String off) {
      if (hasTime && !time) {
        separator = sep;
      }
      time |= hasTime;
      seconds |= hasSeconds;
      fractionDigits = Math.max(fractionDigits, digits);
      if (!any) {
        offset = off;
      } else if (!off.equals(offset)) {
        mixedOffsets = true;
      }
      any = true;
    }

    DateTimeFormat format() {
      if (!time) {
        return DateTimeFormat.DATE;
      }
      // values with different offsets are one instant each: shown in UTC
      String off = mixedOffsets ? "Z" : offset == null ? "" : offset;
      return new DateTimeFormat(true, separator, seconds, fractionDigits, off);
    }
  }

  /** The epoch seconds of a date or date-time cell, or NaN when it is not one. */
  static double parse(char[] buf, int off, int len, Style style) {
    int from = off;
    int to = off + len;
    while (from < to && buf[from] == ' ') {
      from++;
    }
    while (to > from && buf[to - 1] == ' ') {
      to--;
    }
    int n = to - from;
    if (n < 10 || buf[from + 4] != '-' || buf[from + 7] != '-') {
      return Double.NaN;
    }
    int year = digits(buf, from, 4);
    int month = digits(buf, from + 5, 2);
    int day = digits(buf, from + 8, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return Double.NaN;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Double.NaN; // 2023-02-29
    }
    double seconds = epochDay * 86_400.0;
    if (n == 10) {
      style.see(false, 'T', false, 0, "");
      return seconds;
    }
    int i = from + 10;
    char sep = buf[i];
    if ((sep != 'T' && sep != ' ') || to - i < 6 || buf[i + 3] != ':') {
      return Double.NaN;
    }
    int hour = digits(buf, i + 1, 2);
    int minute = digits(buf, i + 4, 2);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return Double.NaN;
    }
    i += 6;
    int second = 0;
    boolean hasSeconds = false;
    int fractionDigits = 0;
    double fraction = 0;
    if (i < to && buf[i] == ':') {
      second = to - i >= 3 ? digits(buf, i + 1, 2) : -1;
      if (second < 0 || second > 59) {
        return Double.NaN;
      }
      hasSeconds = true;
      i += 3;
      if (i < to && (buf[i] == '.' || buf[i] == ',')) {
        i++;
        double scale = 0.1;
        while (i < to && buf[i] >= '0' && buf[i] <= '9') {
          if (fractionDigits < 9) {
            fraction += (buf[i] - '0') * scale;
            scale /= 10;
          }
          fractionDigits++;
          i++;
        }
        if (fractionDigits == 0) {
          return Double.NaN;
        }
      }
    }
    int offsetSeconds = 0;
    String offset = "";
    if (i < to) {
      if (buf[i] == 'Z' && i + 1 == to) {
        offset = "Z";
      } else if (buf[i] == '+' || buf[i] == '-') {
        int sign = buf[i] == '-' ? -1 : 1;
        int rest = to - i - 1;
        int oh = rest >= 2 ? digits(buf, i + 1, 2) : -1;
        int om;
        if (rest == 2) {
          om = 0;
        } else if (rest == 4) {
          om = digits(buf, i + 3, 2);
        } else if (rest == 5 && buf[i + 3] == ':') {
          om = digits(buf, i + 4, 2);
        } else {
          return Double.NaN;
        }
        if (oh < 0 || oh > 18 || om < 0 || om > 59) {
          return Double.NaN;
        }
        offsetSeconds = sign * (oh * 3600 + om * 60);
        offset =
            offsetSeconds == 0
                ? "Z"
                : String.format(java.util.Locale.ROOT, "%c%02d:%02d", sign < 0 ? '-' : '+', oh, om);
      } else {
        return Double.NaN;
      }
    }
    style.see(true, sep, hasSeconds, Math.min(9, fractionDigits), offset);
    return seconds + hour * 3600 + minute * 60 + second + fraction - offsetSeconds;
  }

  /** The value of {@code count} ASCII digits, or -1 when one is not a digit. */
  private static int digits(char[] buf, int at, int count) {
    int v = 0;
    for (int k = 0; k < count; k++) {
      char c = buf[at + k];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = 10 * v + (c - '0');
    }
    return v;
  }
}
