package dev.gauntlet.data;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How a date column is written: ISO-8601 dates ({@code 2024-01-31}) or date-times ({@code
 * 2024-01-31T10:00:00}, {@code 2024-01-31 10:00}, with {@code Z} or an offset such as {@code
 * +02:00}). Values are epoch seconds (a time without an offset counts as UTC).
 *
 * @param time whether values have a time of day (else whole days, written as dates)
 * @param separator the character between date and time: {@code 'T'} or a space
 * @param seconds whether times are written with seconds
 * @param fractionDigits digits of second fractions written (0 to 9)
 * @param offset written after the time: empty (none), {@code "Z"} or {@code "+HH:MM"}/{@code
 *     "-HH:MM"}, the offset the values are shown in
 */
public record DateTimeFormat(
    boolean time, char separator, boolean seconds, int fractionDigits, String offset) {
  /** Dates without a time: {@code 2024-01-31}. */
  public static final DateTimeFormat DATE = new DateTimeFormat(false, 'T', false, 0, "");

  /** Date-times without an offset: {@code 2024-01-31T10:00:00}. */
  public static final DateTimeFormat DATE_TIME = new DateTimeFormat(true, 'T', true, 0, "");

  public DateTimeFormat {
    Objects.requireNonNull(offset, "offset");
    if (separator != 'T' && separator != ' ') {
      throw new IllegalArgumentException("separator must be 'T' or a space: '" + separator + "'");
    }
    if (fractionDigits < 0 || fractionDigits > 9) {
      throw new IllegalArgumentException("fractionDigits must be 0 to 9: " + fractionDigits);
    }
    if (!offset.isEmpty() && !offset.equals("Z")) {
      ZoneOffset.of(offset); // throws DateTimeException for a malformed offset
    }
  }

  /** The text of epoch seconds in this format; empty for NaN (missing). */
  public String format(double epochSeconds) {
    if (Double.isNaN(epochSeconds)) {
      return "";
    }
    if (Double.isInfinite(epochSeconds) || Math.abs(epochSeconds) > 2.5e11) {
      // beyond the years -9999..9999 of ISO text: write the number rather than fail
      return NumberText.format(epochSeconds);
    }
    int shift =
        offset.isEmpty() || offset.equals("Z") ? 0 : ZoneOffset.of(offset).getTotalSeconds();
    if (!time) {
      long day = Math.round((epochSeconds + shift) / 86_400);
      return java.time.LocalDate.ofEpochDay(day).toString();
    }
    double scale = Math.pow(10, fractionDigits);
    double rounded = Math.round((epochSeconds + shift) * scale) / scale;
    long whole = (long) Math.floor(rounded);
    int nanos = (int) Math.round((rounded - whole) * 1e9);
    if (nanos >= 1_000_000_000) {
      whole++;
      nanos -= 1_000_000_000;
    }
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(whole, nanos), ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(32);
    s.append(t.toLocalDate()).append(separator);
    two(s, t.getHour()).append(':');
    two(s, t.getMinute());
    if (seconds || t.getSecond() != 0 || fractionDigits > 0) {
      two(s.append(':'), t.getSecond());
      if (fractionDigits > 0) {
        String nano = String.format(java.util.Locale.ROOT, "%09d", t.getNano());
        s.append('.').append(nano, 0, fractionDigits);
      }
    }
    return s.append(offset).toString();
  }

  private static StringBuilder two(StringBuilder s, int v) {
    return s.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  /**
   * The pattern of this format: {@code YYYY-MM-DD}, or {@code YYYY-MM-DD}, the separator, {@code
   * hh:mm}, then {@code :ss}, {@code .fff} (one f a digit) and the offset when present, as in
   * {@code YYYY-MM-DDThh:mm:ss.fffZ}.
   */
  public String pattern() {
    if (!time) {
      return "YYYY-MM-DD";
    }
    return "YYYY-MM-DD"
        + separator
        + "hh:mm"
        + (seconds ? ":ss" : "")
        + (fractionDigits > 0 ? "." + "f".repeat(fractionDigits) : "")
        + offset;
  }

  /**
   * The format of a {@link #pattern()}.
   *
   * @throws IllegalArgumentException when {@code pattern} is not one
   */
  public static DateTimeFormat ofPattern(String pattern) {
    if (pattern.equals("YYYY-MM-DD")) {
      return DATE;
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "YYYY-MM-DD([T ])hh:mm(:ss)?(?:\\.(f{1,9}))?(Z|[+-]\\d\\d:\\d\\d)?")
            .matcher(pattern);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a date format: " + pattern);
    }
    try {
      return new DateTimeFormat(
          true,
          m.group(1).charAt(0),
          m.group(2) != null,
          m.group(3) == null ? 0 : m.group(3).length(),
          m.group(4) == null ? "" : m.group(4));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("not a date format: " + pattern, e);
    }
  }

  /** A short description, as {@code inspect} shows it: {@code date (YYYY-MM-DD)}. */
  public String describe() {
    return (time ? "date-time (" : "date (") + pattern() + ")";
  }
}
