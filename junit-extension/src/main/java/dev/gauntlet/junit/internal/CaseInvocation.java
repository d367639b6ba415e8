package dev.gauntlet.junit.internal;

import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTables;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.ScenarioResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;

/**
 * One invocation of a scenario test: its name, the values it injects, and the seed line its
 * failures carry.
 */
final class CaseInvocation implements TestTemplateInvocationContext {
  private final ScenarioCase scenarioCase;
  private final String rerun;

  CaseInvocation(ScenarioCase scenarioCase, String rerun) {
    this.scenarioCase = scenarioCase;
    this.rerun = rerun;
  }

  @Override
  public String getDisplayName(int invocationIndex) {
    return scenarioCase.displayName();
  }

  @Override
  public List<Extension> getAdditionalExtensions() {
    return List.of(
        new Resolver(),
        new SeedOnFailure(
            rerun,
            "A @ScenarioTest method can receive "
                + ScenarioCase.INJECTABLE.stream()
                    .map(Class::getSimpleName)
                    .collect(Collectors.joining(", "))
                + ", and JUnit's TestInfo and TestReporter."));
  }

  /** The injectable types of {@link ScenarioCase#INJECTABLE}. */
  private final class Resolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return ScenarioCase.INJECTABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      Class<?> type = parameter.getParameter().getType();
      if (type == ScenarioCase.class) {
        return scenarioCase;
      }
      if (type == ScenarioResult.class) {
        return scenarioCase.result();
      }
      if (type == PlaceResult.class) {
        return scenarioCase.place();
      }
      if (type == ScenarioTables.class) {
        return scenarioCase.tables();
      }
      return scenarioCase
          .variant()
          .orElseThrow(
              () ->
                  new ParameterResolutionException(
                      "no VariantResult for "
                          + parameter.getParameter()
                          + ": the scenario has no variants, so its one invocation is the clean"
                          + " test rows; ask for a PlaceResult or ScenarioCase instead"));
    }
  }
}
