package dev.gauntlet.data;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Numbers as CSV text. Reading accepts plain decimals with an optional exponent ({@code -1.5},
 * {@code .5}, {@code 2e-3}) and infinities ({@code inf}, {@code Infinity}, signed); nothing else
 * counts as a number ({@code NaN}, {@code 0x10} and {@code 1.5d} are text). Writing gives the
 * shortest decimal that reads back as the same double (Schubfach, through Jackson), in plain
 * notation from 1e-7 to 1e21 ({@code 0.1}, {@code 123456789.125}), integral values without
 * decimals, and otherwise as {@code 1e-8}, {@code -1.5e300}.
 *
 * <p>A CSV cell is read by {@link #value(char[], int, int)}: the same rule after spaces around the
 * text are dropped ({@code " 2"} is 2).
 */
public final class NumberText {
  private static final double PLAIN_MIN = 1e-7;
  private static final double PLAIN_MAX = 1e21;
  // 10^0 .. 10^22 are exact doubles: a decimal of at most 15 digits times or divided by one of them
  // is correctly rounded (Clinger's fast path), so most cells skip Double.parseDouble's String
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

  private NumberText() {}

  /** True when {@code s} is a number by the reading rule above. */
  public static boolean isNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    if (isInfinity(s, i)) {
      return true;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /**
   * The value of a string that {@link #isNumber} accepts.
   *
   * @throws NumberFormatException when it is not a number by that rule
   */
  public static double parse(String s) {
    if (!isNumber(s)) {
      throw new NumberFormatException("not a number: \"" + s + "\"");
    }
    int sign = s.startsWith("-") ? 1 : 0;
    int start = (s.startsWith("-") || s.startsWith("+")) ? 1 : 0;
    if (isInfinity(s, start)) {
      return sign == 1 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(s);
  }

  /**
   * The number in {@code len} chars of {@code buf} from {@code off}, spaces around it dropped, or
   * NaN when they are not a number by {@link #isNumber} (no number reads as NaN).
   */
  public static double value(char[] buf, int off, int len) {
    int from = off;
    int to = off + len;
    while (from < to && buf[from] == ' ') {
      from++;
    }
    while (to > from && buf[to - 1] == ' ') {
      to--;
    }
    int i = from;
    boolean negative = false;
    if (i < to && (buf[i] == '+' || buf[i] == '-')) {
      negative = buf[i] == '-';
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int digits = 0;
    int scale = 0; // decimal exponent of the mantissa's last digit, before the written exponent
    while (i < to && isDigit(buf[i])) {
      if (significant < 18) {
        mantissa = 10 * mantissa + (buf[i] - '0');
        if (mantissa != 0) {
          significant++;
        }
      } else {
        scale++;
        significant++;
      }
      i++;
      digits++;
    }
    if (i < to && buf[i] == '.') {
      i++;
      while (i < to && isDigit(buf[i])) {
        if (significant < 18) {
          mantissa = 10 * mantissa + (buf[i] - '0');
          if (mantissa != 0) {
            significant++;
          }
          scale--;
        } else {
          significant++;
        }
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return infinityOrNaN(buf, from, to);
    }
    int exponent = 0;
    if (i < to && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      boolean negativeExponent = false;
      if (i < to && (buf[i] == '+' || buf[i] == '-')) {
        negativeExponent = buf[i] == '-';
        i++;
      }
      int expDigits = 0;
      while (i < to && isDigit(buf[i])) {
        exponent = Math.min(100_000, 10 * exponent + (buf[i] - '0'));
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return Double.NaN;
      }
      exponent = negativeExponent ? -exponent : exponent;
    }
    if (i != to) {
      return Double.NaN;
    }
    int e = scale + exponent;
    double v;
    if (significant <= 15 && e >= -22 && e <= 22) {
      v = e >= 0 ? mantissa * POWERS_OF_TEN[e] : mantissa / POWERS_OF_TEN[-e];
    } else {
      v = Double.parseDouble(new String(buf, from, to - from));
      return v; // keeps its own sign
    }
    return negative ? -v : v;
  }

  private static double infinityOrNaN(char[] buf, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (buf[i] == '+' || buf[i] == '-')) {
      negative = buf[i] == '-';
      i++;
    }
    int n = to - i;
    if ((n == 3 || n == 8) && isInfinity(new String(buf, i, n), 0)) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.NaN;
  }

  /** The CSV text of a value: empty for NaN (missing), the shortest exact decimal otherwise. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0 && 1 / v < 0) {
      return "-0";
    }
    if (isInteger(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String shortest = NumberOutput.toString(v, true);
    double abs = Math.abs(v);
    if (abs >= PLAIN_MIN && abs < PLAIN_MAX) {
      if (shortest.indexOf('E') < 0) {
        return shortest.endsWith(".0") ? shortest.substring(0, shortest.length() - 2) : shortest;
      }
      return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }
    return compactExponent(shortest);
  }

  /** Java's {@code 1.0E-8} as {@code 1e-8}: no {@code .0} mantissa, a lower-case exponent. */
  private static String compactExponent(String javaText) {
    int e = javaText.indexOf('E');
    if (e < 0) {
      return javaText;
    }
    String mantissa = javaText.substring(0, e);
    if (mantissa.endsWith(".0")) {
      mantissa = mantissa.substring(0, mantissa.length() - 2);
    }
    return mantissa + "e" + javaText.substring(e + 1);
  }

  /** True for a finite whole number. */
  public static boolean isInteger(double v) {
    return v == Math.rint(v) && !Double.isInfinite(v);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isInfinity(String s, int from) {
    String rest = s.substring(from);
    return rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity");
  }
}
