package dev.gauntlet.junit.internal;

import java.math.BigDecimal;

/** Numbers as messages and names show them. */
public final class Numbers {
  private Numbers() {}

  /** Shortest form, at most 4 significant decimals: {@code 0.3}, {@code 0.25}, {@code 0.7312}. */
  public static String text(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal d = new BigDecimal(value).round(new java.math.MathContext(4)).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
