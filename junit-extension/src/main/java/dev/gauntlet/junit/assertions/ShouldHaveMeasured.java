package dev.gauntlet.junit.assertions;

import dev.gauntlet.junit.internal.Numbers;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;

/** An assertion on something the run did not measure: what it measured instead. */
final class ShouldHaveMeasured extends BasicErrorMessageFactory {
  private ShouldHaveMeasured(String missing, String measured, long seed) {
    super(
        "%nExpecting the run to have measured %s%n  but it measured: %s%n  seed: %s",
        unquotedString(missing), unquotedString(measured), unquotedString(Long.toString(seed)));
  }

  static ShouldHaveMeasured variant(String variant, List<String> variants, long seed) {
    return new ShouldHaveMeasured("the variant " + variant, "variants " + variants, seed);
  }

  static ShouldHaveMeasured severity(
      String variant, double severity, List<Double> severities, long seed) {
    return new ShouldHaveMeasured(
        variant + " at severity " + Numbers.text(severity),
        "severities " + severities.stream().map(Numbers::text).toList(),
        seed);
  }

  static ShouldHaveMeasured metric(String metric, String variant, List<String> metrics, long seed) {
    return new ShouldHaveMeasured(
        "the metric " + metric + (variant == null ? "" : " under " + variant),
        "metrics " + metrics,
        seed);
  }

  static ShouldHaveMeasured slices(String metric, long seed) {
    return new ShouldHaveMeasured(
        metric + " on slices", "no slices (add slices: to the scenario)", seed);
  }

  static ShouldHaveMeasured drop(String metric, String variant, long seed) {
    return new ShouldHaveMeasured(
        "the drop of " + metric + " under " + variant,
        "no drop: " + metric + " is a variant's own figure, not an outcome metric",
        seed);
  }
}
