package dev.gauntlet.junit.internal;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.junit.PerturbationSweep;
import dev.gauntlet.junit.PerturbedTable;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.spec.VariantSpec;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Draws a {@link PerturbationSweep}'s rows once, then invokes the method once per severity with
 * them perturbed. Everything an invocation uses is derived from the test's seed, nothing is shared
 * between tests.
 */
public final class SweepExtension implements TestTemplateInvocationContextProvider {
  static final String INJECTABLE =
      "A @PerturbationSweep method can receive PerturbedTable and Table parameters annotated with"
          + " @SyntheticTable or @WorldTable, and JUnit's TestInfo and TestReporter.";

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, PerturbationSweep.class))
        .orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    Class<?> testClass = context.getRequiredTestClass();
    PerturbationSweep sweep =
        AnnotationSupport.findAnnotation(method, PerturbationSweep.class).orElseThrow();
    String where =
        "@PerturbationSweep on " + testClass.getSimpleName() + "." + method.getName() + "()";
    String kind = sweep.value();
    VariantSpec variant = variant(sweep, where);
    Perturbation perturbation = perturbation(kind, variant.params(), where);

    SeedChoice seed =
        SeedChoice.of(
            method,
            testClass,
            context.getConfigurationParameter(SeedChoice.PARAMETER),
            (Long) null);
    context.publishReportEntry("gauntlet.seed", seed.value() + " (" + seed.origin() + ")");

    Map<Integer, Table> clean = new HashMap<>();
    List<Integer> perturbed = new ArrayList<>();
    Parameter[] parameters = method.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      Optional<Annotation> source = TableSource.annotationOf(parameters[i]);
      if (source.isEmpty()) {
        continue;
      }
      String at = TableResolver.where(source.get(), testClass, method, i);
      Class<?> type = parameters[i].getType();
      if (type != Table.class && type != PerturbedTable.class) {
        throw new UserInputException(
            at,
            "a parameter of type " + type.getName(),
            "a PerturbedTable (the rows perturbed) or a Table (the rows as drawn)",
            "change the parameter's type");
      }
      if (type == PerturbedTable.class) {
        perturbed.add(i);
      }
      clean.put(i, TableSource.of(source.get(), at, testClass.getClassLoader()).rows(seed.value()));
    }
    if (perturbed.isEmpty()) {
      throw new UserInputException(
          where,
          "no parameter to perturb",
          "a PerturbedTable parameter annotated with @SyntheticTable or @WorldTable",
          "add one, e.g. @WorldTable(\"worlds/customers.json\") PerturbedTable rows");
    }

    String rerun = seed.rerunText(testClass, method);
    // the seed a scenario variant named after the perturbation gets (Engine: variant:NAME)
    Seed variantSeed = Seed.of(seed.value()).derive("variant:" + variant.name());
    return variant.severityList().stream()
        .map(
            s -> {
              Seed at = variantSeed.derive("severity", Double.doubleToLongBits(s));
              Map<Integer, Object> values = new HashMap<>(clean);
              for (int i : perturbed) {
                values.put(
                    i,
                    new PerturbedTable(
                        kind, s, clean.get(i), perturbation.applyWithSummary(clean.get(i), s, at)));
              }
              return new Invocation(kind + " [severity " + Numbers.text(s) + "]", values, rerun);
            });
  }

  private static VariantSpec variant(PerturbationSweep sweep, String where) {
    List<Double> severities = null;
    if (sweep.severities().length > 0) {
      severities = new ArrayList<>();
      for (double s : sweep.severities()) {
        severities.add(s);
      }
    }
    try {
      return new VariantSpec(
          sweep.value(),
          sweep.value(),
          Params.map(sweep.params(), where + " (params)"),
          severities,
          severities == null ? sweep.sweep() : null);
    } catch (FieldException e) {
      throw placed(e, where);
    }
  }

  private static Perturbation perturbation(String kind, Map<String, String> params, String where) {
    PerturbationProvider provider;
    try {
      provider = Registry.perturbations().get(kind);
    } catch (UserInputException e) {
      throw new UserInputException(
          where + " (value)",
          "perturbation " + UserInputException.quote(kind),
          e.expected(),
          "use a registered perturbation (gauntlet run --list shows each with its parameters)");
    }
    try {
      dev.gauntlet.spi.ParameterValues.of(params, provider.parameters());
      return provider.create(params);
    } catch (FieldException e) {
      throw placed(e.under("params"), where);
    }
  }

  private static UserInputException placed(FieldException e, String where) {
    return new UserInputException(
        where + " (" + e.pathText() + ")",
        e.found(),
        e.expected(),
        e.fix() == null ? "correct the annotation" : e.fix(),
        e);
  }

  /** One severity: its name, the values of its table parameters by index, the seed line. */
  private record Invocation(String name, Map<Integer, Object> values, String rerun)
      implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return name;
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(
          new ParameterResolver() {
            @Override
            public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
              return values.containsKey(p.getIndex())
                  && c.getTestMethod().isPresent()
                  && p.getDeclaringExecutable().equals(c.getRequiredTestMethod());
            }

            @Override
            public Object resolveParameter(ParameterContext p, ExtensionContext c) {
              return values.get(p.getIndex());
            }
          },
          new SeedOnFailure(rerun, INJECTABLE));
    }
  }
}
