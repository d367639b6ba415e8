package dev.gauntlet.junit.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import org.junit.platform.commons.support.ReflectionSupport;

/** The model a test class supplies through the method {@code @ScenarioTest(model = ...)} names. */
final class ModelFactory {
  private ModelFactory() {}

  /**
   * Calls the factory: on the test instance when there is one, else (the template's own context has
   * none) on a fresh instance of the test class.
   */
  static ModelHandle open(
      Class<?> testClass, Optional<Object> instance, String methodName, String where) {
    String at = where + " (model = \"" + methodName + "\")";
    Object made =
        call(
            testClass,
            instance,
            methodName,
            at,
            "a method without parameters returning a ModelTrainer, a Classifier or a ModelHandle");
    if (made instanceof ModelHandle h) {
      return h;
    }
    if (made instanceof ModelTrainer<?> trainer) {
      @SuppressWarnings("unchecked")
      ModelTrainer<Object> t = (ModelTrainer<Object>) trainer;
      return ModelHandle.trainable(train -> checked(t.fit(train), at));
    }
    if (made instanceof Differentiable d) {
      return ModelHandle.fixed(d, ModelCapability.PROBABILITIES, ModelCapability.INPUT_GRADIENTS);
    }
    if (made instanceof Classifier c) {
      return ModelHandle.fixed(c, ModelCapability.PROBABILITIES);
    }
    throw new UserInputException(
        at,
        methodName + "() returned " + (made == null ? "null" : made.getClass().getName()),
        "a ModelTrainer, a Classifier or a ModelHandle",
        "return one of them");
  }

  /**
   * Calls a method of the test class without parameters: on the test instance when there is one,
   * else (a template's own context has none) on a fresh instance of the test class.
   */
  static Object call(
      Class<?> testClass, Optional<Object> instance, String methodName, String at, String what) {
    Method factory =
        ReflectionSupport.findMethod(testClass, methodName)
            .orElseThrow(
                () ->
                    new UserInputException(
                        at,
                        "no method " + methodName + "() in " + testClass.getName(),
                        what,
                        "add the method, or correct the name"));
    Object target = null;
    if (!Modifier.isStatic(factory.getModifiers())) {
      target = instance.orElseGet(() -> ReflectionSupport.newInstance(testClass));
    }
    return ReflectionSupport.invokeMethod(factory, target);
  }

  private static Classifier checked(Object fitted, String at) {
    if (fitted instanceof Classifier c) {
      return c;
    }
    throw new UserInputException(
        at,
        "a trainer whose fit returns " + (fitted == null ? "null" : fitted.getClass().getName()),
        "a trainer of Classifiers",
        "return a dev.gauntlet.model.Classifier from fit");
  }
}
