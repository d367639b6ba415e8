package dev.gauntlet.junit.assertions;

import dev.gauntlet.junit.internal.Numbers;
import org.assertj.core.error.BasicErrorMessageFactory;

/** A figure that misses its bound, with where it was measured and the seed. */
abstract class MeasuredBound extends BasicErrorMessageFactory {
  MeasuredBound(String what, String side, MetricAssert.Found found, double bound, long seed) {
    super(
        "%nExpecting %s to be %s %s%n  measured: %s%n  variant:  %s%n  severity: %s%n"
            + "  slice:    %s%n  seed:     %s",
        unquotedString(what),
        unquotedString(side),
        unquotedString(Numbers.text(bound)),
        unquotedString(measured(found)),
        unquotedString(found.variant() == null ? "none (the clean test rows)" : found.variant()),
        unquotedString(Numbers.text(found.severity())),
        unquotedString(found.slice() == null ? "all rows" : found.slice()),
        unquotedString(Long.toString(seed)));
  }

  private static String measured(MetricAssert.Found found) {
    String text = Numbers.text(found.value());
    if (found.raw() != null && found.raw().hasInterval() && found.slice() == null) {
      text += " [" + Numbers.text(found.raw().lo()) + ", " + Numbers.text(found.raw().hi()) + "]";
    }
    return text;
  }
}
