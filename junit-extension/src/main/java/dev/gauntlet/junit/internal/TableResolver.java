package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.junit.PerturbationSweep;
import dev.gauntlet.junit.PerturbedTable;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@code @SyntheticTable} and {@code @WorldTable} parameters of a test method (a {@link
 * PerturbationSweep} resolves its own), and adds the seed to the test's failures.
 */
public final class TableResolver implements ParameterResolver, TestExecutionExceptionHandler {
  private static final Namespace NAMESPACE = Namespace.create(TableResolver.class);

  static final String INJECTABLE =
      "Gauntlet injects Table parameters annotated with @SyntheticTable or @WorldTable (and"
          + " PerturbedTable ones in a @PerturbationSweep).";

  private static boolean inSweep(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> AnnotationSupport.isAnnotated(m, PerturbationSweep.class))
        .orElse(false);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getTestMethod().isPresent()
        && TableSource.annotationOf(parameter.getParameter()).isPresent()
        && !inSweep(context);
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Annotation annotation = TableSource.annotationOf(parameter.getParameter()).orElseThrow();
    Method method = context.getRequiredTestMethod();
    String where = where(annotation, context.getRequiredTestClass(), method, parameter.getIndex());
    Class<?> type = parameter.getParameter().getType();
    if (type == PerturbedTable.class) {
      throw new ParameterResolutionException(
          where
              + ": a PerturbedTable is given to a @PerturbationSweep method; annotate the method"
              + " with @PerturbationSweep, or ask for a Table");
    }
    if (type != Table.class) {
      throw new ParameterResolutionException(
          where
              + ": a parameter of type "
              + type.getName()
              + "; ask for a dev.gauntlet.data.Table");
    }
    SeedChoice seed = seed(context);
    try {
      return TableSource.of(annotation, where, context.getRequiredTestClass().getClassLoader())
          .rows(seed.value());
    } catch (UserInputException e) {
      // as it is: JUnit would prefix another exception's message with its own
      throw new ParameterResolutionException(e.getMessage(), e);
    }
  }

  /**
   * {@code @SyntheticTable on CreditTest.fits(), parameter 1}, with the parameter's name when the
   * class was compiled with {@code -parameters}.
   */
  static String where(Annotation annotation, Class<?> testClass, Method method, int index) {
    java.lang.reflect.Parameter p = method.getParameters()[index];
    return "@"
        + annotation.annotationType().getSimpleName()
        + " on "
        + testClass.getSimpleName()
        + "."
        + method.getName()
        + "(), parameter "
        + (index + 1)
        + (p.isNamePresent() ? " (" + p.getName() + ")" : "");
  }

  /** The test's seed, chosen and published once per test. */
  private static SeedChoice seed(ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "seed",
            key -> {
              SeedChoice s =
                  SeedChoice.of(
                      context.getRequiredTestMethod(),
                      context.getRequiredTestClass(),
                      context.getConfigurationParameter(SeedChoice.PARAMETER),
                      (Long) null);
              context.publishReportEntry("gauntlet.seed", s.value() + " (" + s.origin() + ")");
              return s;
            },
            SeedChoice.class);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (inSweep(context) || context.getTestMethod().isEmpty()) {
      throw failure;
    }
    String rerun =
        seed(context).rerunText(context.getRequiredTestClass(), context.getRequiredTestMethod());
    new SeedOnFailure(rerun, INJECTABLE).handleTestExecutionException(context, failure);
  }
}
