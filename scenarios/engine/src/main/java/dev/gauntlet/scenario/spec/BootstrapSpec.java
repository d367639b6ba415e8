package dev.gauntlet.scenario.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gauntlet.FieldException;

/**
 * The bootstrap behind every metric's confidence interval: percentile intervals from resampled test
 * rows.
 *
 * <pre>
 * bootstrap: 500                         # short form: resamples
 * bootstrap: {resamples: 0}              # no intervals
 * bootstrap: {resamples: 200, confidence: 0.9}
 * </pre>
 *
 * @param resamples resamples per interval, 0 for none; default 200
 * @param confidence the interval's coverage, within (0, 1); default 0.95
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BootstrapSpec(Integer resamples, Double confidence) {
  public static final int DEFAULT_RESAMPLES = 200;
  public static final double DEFAULT_CONFIDENCE = 0.95;

  public BootstrapSpec {
    if (resamples != null && (resamples < 0 || resamples > 100_000)) {
      throw new FieldException("resamples", resamples.toString(), "within [0, 100000]");
    }
    if (confidence != null && !(confidence > 0 && confidence < 1)) {
      throw new FieldException("confidence", confidence.toString(), "within (0, 1)", "e.g. 0.95");
    }
  }

  public static BootstrapSpec defaults() {
    return new BootstrapSpec(null, null);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static BootstrapSpec of(int resamples) {
    return new BootstrapSpec(resamples, null);
  }

  public int resamplesOrDefault() {
    return resamples == null ? DEFAULT_RESAMPLES : resamples;
  }

  public double confidenceOrDefault() {
    return confidence == null ? DEFAULT_CONFIDENCE : confidence;
  }
}
