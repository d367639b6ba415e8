package dev.gauntlet.junit.internal;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Adds the seed and the line that reruns it to a failure and publishes it as the report entry
 * {@code gauntlet.seed}; to a parameter nobody resolves, what the extension can inject.
 */
final class SeedOnFailure implements TestExecutionExceptionHandler {
  private final String rerun;
  private final String injectable;

  /**
   * @param rerun the seed line ({@link SeedChoice#rerunText})
   * @param injectable the sentence appended to JUnit's "No ParameterResolver registered" message
   */
  SeedOnFailure(String rerun, String injectable) {
    this.rerun = rerun;
    this.injectable = injectable;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (failure instanceof TestAbortedException) {
      throw failure;
    }
    if (failure instanceof ParameterResolutionException p) {
      // not the figures' fault: no seed line, but what can be injected
      if (String.valueOf(p.getMessage()).startsWith("No ParameterResolver registered")) {
        throw new ParameterResolutionException(p.getMessage() + " " + injectable, p);
      }
      throw failure;
    }
    context.publishReportEntry("gauntlet.seed", rerun);
    String message = failure.getMessage() + System.lineSeparator() + rerun;
    if (failure instanceof AssertionFailedError a && a.isExpectedDefined()) {
      throw new AssertionFailedError(
          message,
          a.getExpected().getValue(),
          a.isActualDefined() ? a.getActual().getValue() : null,
          failure);
    }
    if (failure instanceof AssertionFailedError) {
      throw new AssertionFailedError(message, failure);
    }
    if (failure instanceof AssertionError) {
      throw new AssertionError(message, failure);
    }
    failure.addSuppressed(new SeedReport(rerun));
    throw failure;
  }

  /** Rides along a failure that is not an assertion's, carrying the seed line. */
  static final class SeedReport extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SeedReport(String rerun) {
      super(rerun, null, false, false);
    }
  }
}
