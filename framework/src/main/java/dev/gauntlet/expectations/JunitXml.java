package dev.gauntlet.expectations;

import java.io.OutputStream;
import java.util.List;

/** Verdicts as a JUnit XML report (one test case per expectation), which CI systems display. */
public final class JunitXml {
  private JunitXml() {}

  /**
   * Writes {@code verdicts} as one {@code <testsuite>} named {@code suite}: a {@code <testcase>}
   * per expectation named by its text, a {@code <failure>} for each that failed with the measured
   * value, bound, variant, severity and seed. UTF-8; the stream is not closed.
   */
  public static void write(String suite, List<Verdict> verdicts, OutputStream out) {
    throw new UnsupportedOperationException("not yet");
  }
}
