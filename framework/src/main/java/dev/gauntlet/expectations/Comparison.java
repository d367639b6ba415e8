package dev.gauntlet.expectations;

import java.util.Optional;

/** The comparison of an expectation: {@code >=}, {@code >}, {@code <=} or {@code <}. */
public enum Comparison {
  AT_LEAST(">="),
  ABOVE(">"),
  AT_MOST("<="),
  BELOW("<");

  private final String symbol;

  Comparison(String symbol) {
    this.symbol = symbol;
  }

  /** As written: {@code >=}, {@code >}, {@code <=}, {@code <}. */
  public String symbol() {
    return symbol;
  }

  /** The comparison written as {@code symbol}, if it is one of the four. */
  public static Optional<Comparison> of(String symbol) {
    for (Comparison c : values()) {
      if (c.symbol.equals(symbol)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code measured} meets {@code bound}; NaN never does. */
  public boolean holds(double measured, double bound) {
    return switch (this) {
      case AT_LEAST -> measured >= bound;
      case ABOVE -> measured > bound;
      case AT_MOST -> measured <= bound;
      case BELOW -> measured < bound;
    };
  }

  /** Whether {@code a} is further from meeting the bound than {@code b}; NaN is the furthest. */
  public boolean isWorse(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && !Double.isNaN(b);
    }
    return this == AT_LEAST || this == ABOVE ? a < b : a > b;
  }
}
