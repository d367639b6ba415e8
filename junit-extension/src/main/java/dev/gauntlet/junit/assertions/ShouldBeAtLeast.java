package dev.gauntlet.junit.assertions;

/** A metric below its lower bound. */
final class ShouldBeAtLeast extends MeasuredBound {
  ShouldBeAtLeast(String what, MetricAssert.Found found, double bound, long seed) {
    super(what, "at least", found, bound, seed);
  }
}
