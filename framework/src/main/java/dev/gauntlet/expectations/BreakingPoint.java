package dev.gauntlet.expectations;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Where one variant's sweep breaks an expectation: the lowest severity at which it fails. A
 * finding, not in itself a failure: it fails the run only when the expectation must hold at that
 * severity ({@link #mustHold()}), which {@link Verdict#passed()} already accounts for.
 *
 * @param variant the variant whose sweep this is
 * @param severity the lowest failing severity, or empty when every severity meets the expectation
 * @param mustHold whether the expectation must hold at that severity (no {@code at}, or {@code at}
 *     names it); false when there is no breaking point
 */
public record BreakingPoint(String variant, OptionalDouble severity, boolean mustHold) {
  public BreakingPoint {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(severity, "severity");
    if (severity.isEmpty() && mustHold) {
      throw new IllegalArgumentException("no breaking point, so nothing must hold there");
    }
  }

  /** Whether the sweep breaks the expectation at some severity. */
  public boolean breaks() {
    return severity.isPresent();
  }
}
