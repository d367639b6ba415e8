package dev.gauntlet.junit.internal;

import dev.gauntlet.data.Table;
import dev.gauntlet.junit.ScenarioCase;
import dev.gauntlet.junit.ScenarioTables;
import dev.gauntlet.junit.ScenarioTest;
import dev.gauntlet.scenario.PlaceResult;
import dev.gauntlet.scenario.RunListener;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.ScenarioRunner;
import dev.gauntlet.scenario.VariantResult;
import dev.gauntlet.scenario.report.ReportFiles;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a {@link ScenarioTest}'s scenario once, when JUnit asks for the template's invocations, and
 * hands each invocation its variant and severity. State lives in the invocations, never in this
 * class, so tests run in parallel measure what they measure serially.
 */
public final class ScenarioExtension implements TestTemplateInvocationContextProvider {
  /** Where reports go, relative to the module's folder. */
  static final Path REPORTS = Path.of("target", "gauntlet-reports");

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, ScenarioTest.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Class<?> testClass = context.getRequiredTestClass();
    ScenarioTest annotation =
        AnnotationSupport.findAnnotation(method, ScenarioTest.class).orElseThrow();
    String where = "@ScenarioTest on " + testClass.getSimpleName() + "." + method.getName() + "()";
    ScenarioInput input = ScenarioInput.of(annotation, testClass, context.getTestInstance(), where);
    SeedChoice seed =
        SeedChoice.of(
            method,
            testClass,
            context.getConfigurationParameter(SeedChoice.PARAMETER),
            input.spec());
    ScenarioSpec spec = input.spec().withSeed(seed.value());
    context.publishReportEntry("gauntlet.seed", seed.value() + " (" + seed.origin() + ")");

    AtomicReference<ScenarioTables> tables = new AtomicReference<>();
    ScenarioRunner runner =
        ScenarioRunner.withDefaults()
            .withSource(input.source())
            .withPlacer(input.placer())
            .withListener(
                new RunListener() {
                  @Override
                  public void split(Table train, Table test) {
                    tables.set(new ScenarioTables(train, test));
                  }
                });
    if (!annotation.model().isEmpty()) {
      runner =
          runner.withModel(
              ModelFactory.open(testClass, context.getTestInstance(), annotation.model(), where),
              testClass.getSimpleName() + "." + annotation.model() + "()");
    }
    ScenarioResult result = runner.run(spec, input.folder());

    Path reports = REPORTS.resolve(testClass.getName()).resolve(method.getName());
    ReportFiles.write(result, input.info(), reports, List.of());
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("gauntlet.reports", reports.toAbsolutePath().toString());
    context.publishReportEntry(entry);

    List<ScenarioCase> cases = new ArrayList<>();
    if (result.sweeps().isEmpty()) {
      cases.add(new ScenarioCase(result, Optional.empty(), result.clean(), tables.get(), reports));
    }
    for (VariantResult v : result.sweeps()) {
      for (PlaceResult p : v.places()) {
        cases.add(new ScenarioCase(result, Optional.of(v), p, tables.get(), reports));
      }
    }
    String rerun = seed.rerunText(testClass, method);
    return cases.stream().map(c -> new CaseInvocation(c, rerun));
  }
}
