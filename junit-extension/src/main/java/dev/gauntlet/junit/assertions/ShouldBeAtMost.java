package dev.gauntlet.junit.assertions;

/** A metric above its upper bound. */
final class ShouldBeAtMost extends MeasuredBound {
  ShouldBeAtMost(String what, MetricAssert.Found found, double bound, long seed) {
    super(what, "at most", found, bound, seed);
  }
}
