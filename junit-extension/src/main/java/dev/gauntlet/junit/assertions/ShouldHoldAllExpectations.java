package dev.gauntlet.junit.assertions;

import dev.gauntlet.expectations.Verdict;
import dev.gauntlet.scenario.ScenarioResult;
import java.util.stream.Collectors;
import org.assertj.core.error.BasicErrorMessageFactory;

/** Expectations of the scenario that do not hold, one line each (each line carries the seed). */
final class ShouldHoldAllExpectations extends BasicErrorMessageFactory {
  ShouldHoldAllExpectations(ScenarioResult result) {
    super(
        "%nExpecting every expectation of %s to hold, but %s of %s did not:%n%s",
        unquotedString(result.name()),
        result.failures().size(),
        result.verdicts().size(),
        unquotedString(
            result.failures().stream()
                .map(Verdict::message)
                .map(m -> "  - " + m)
                .collect(Collectors.joining(System.lineSeparator()))));
  }
}
