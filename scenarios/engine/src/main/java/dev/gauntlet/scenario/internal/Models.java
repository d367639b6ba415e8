package dev.gauntlet.scenario.internal;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.ModelTrainer;
import dev.gauntlet.model.Regressor;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.spec.ModelSpec;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.ModelTask;
import dev.gauntlet.spi.Registry;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Opens the model a scenario names, and keeps a model that is not thread-safe to one caller. */
public final class Models {
  private Models() {}

  /** The capabilities of the model a spec names, known before it is opened or trained. */
  public static Set<ModelCapability> capabilities(ModelSpec spec, String source) {
    if (spec.className() != null) {
      Class<?> c = load(spec.className(), source);
      if (taskOf(c) == ModelTask.REGRESSION) {
        return ModelTrainer.class.isAssignableFrom(c)
            ? EnumSet.of(ModelCapability.RETRAINABLE)
            : EnumSet.noneOf(ModelCapability.class);
      }
      EnumSet<ModelCapability> caps = EnumSet.of(ModelCapability.PROBABILITIES);
      if (ModelTrainer.class.isAssignableFrom(c)) {
        caps.add(ModelCapability.RETRAINABLE);
      } else if (Differentiable.class.isAssignableFrom(c)) {
        caps.add(ModelCapability.INPUT_GRADIENTS);
      }
      return caps;
    }
    return provider(spec, source).capabilities();
  }

  /** What the model a spec names predicts, known before it is opened or trained. */
  public static ModelTask task(ModelSpec spec, String source) {
    if (spec.className() != null) {
      return taskOf(load(spec.className(), source));
    }
    return provider(spec, source).task();
  }

  /**
   * A Regressor, or a trainer whose {@code fit} is declared to return one (its most specific return
   * type, or the type argument of {@code ModelTrainer<M>}), predicts numbers; else classes.
   */
  static ModelTask taskOf(Class<?> c) {
    if (Regressor.class.isAssignableFrom(c)) {
      return ModelTask.REGRESSION;
    }
    if (!ModelTrainer.class.isAssignableFrom(c)) {
      return ModelTask.CLASSIFICATION;
    }
    try {
      if (Regressor.class.isAssignableFrom(c.getMethod("fit", Table.class).getReturnType())) {
        return ModelTask.REGRESSION;
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("a ModelTrainer without fit(Table)", e);
    }
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (java.lang.reflect.Type t : k.getGenericInterfaces()) {
        if (t instanceof java.lang.reflect.ParameterizedType pt
            && pt.getRawType() == ModelTrainer.class
            && pt.getActualTypeArguments()[0] instanceof Class<?> m
            && Regressor.class.isAssignableFrom(m)) {
          return ModelTask.REGRESSION;
        }
      }
    }
    return ModelTask.CLASSIFICATION;
  }

  static ModelProvider provider(ModelSpec spec, String source) {
    try {
      return Registry.models().get(spec.kindOrDefault());
    } catch (UserInputException e) {
      throw new UserInputException(source + " (model.kind)", e.found(), e.expected(), e.fix(), e);
    }
  }

  /** Opens the model; its seed is {@code root.derive("model")}. */
  public static ModelHandle open(
      ModelSpec spec, String label, Path folder, Seed seed, String source) {
    ModelHandle handle;
    try {
      if (spec.className() != null) {
        handle = openClass(spec, source);
      } else {
        handle = provider(spec, source).open(new ModelRequest(label, spec.params(), seed, folder));
      }
    } catch (FieldException e) {
      throw new UserInputException(
          source + " (model.params." + e.pathText() + ")",
          e.found(),
          e.expected(),
          e.fix() == null ? "see gauntlet run --list for the model's parameters" : e.fix(),
          e);
    }
    return threadSafe(handle);
  }

  /** The handle, or one whose fits and model calls run one at a time unless it is thread-safe. */
  public static ModelHandle threadSafe(ModelHandle handle) {
    return handle.can(ModelCapability.THREAD_SAFE) ? handle : serialised(handle);
  }

  private static Class<?> load(String name, String source) {
    Class<?> c;
    try {
      c = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UserInputException(
          source + " (model.class)",
          "no class " + UserInputException.quote(name) + " on the class path",
          "a class implementing ModelTrainer, Classifier or Regressor",
          "check the name, or add the jar holding it to the class path");
    }
    if (!ModelTrainer.class.isAssignableFrom(c)
        && !Classifier.class.isAssignableFrom(c)
        && !Regressor.class.isAssignableFrom(c)) {
      throw new UserInputException(
          source + " (model.class)",
          "class "
              + UserInputException.quote(name)
              + ", neither a ModelTrainer nor a Classifier nor a Regressor",
          "a class implementing dev.gauntlet.model.ModelTrainer, dev.gauntlet.model.Classifier or"
              + " dev.gauntlet.model.Regressor",
          "implement one of them");
    }
    return c;
  }

  private static ModelHandle openClass(ModelSpec spec, String source) {
    Class<?> c = load(spec.className(), source);
    Object instance = instantiate(c, spec.params(), source);
    if (taskOf(c) == ModelTask.REGRESSION) {
      return openRegressor(instance, source);
    }
    if (instance instanceof ModelTrainer<?> trainer) {
      @SuppressWarnings("unchecked")
      ModelTrainer<Object> t = (ModelTrainer<Object>) trainer;
      ModelTrainer<Classifier> checked =
          train -> {
            Object m = t.fit(train);
            if (!(m instanceof Classifier cl)) {
              throw new UserInputException(
                  source + " (model.class)",
                  "a trainer whose fit returns " + (m == null ? "null" : m.getClass().getName()),
                  "a trainer of Classifiers",
                  "return a dev.gauntlet.model.Classifier from fit");
            }
            return cl;
          };
      return ModelHandle.trainable(checked);
    }
    Classifier model = (Classifier) instance;
    return model instanceof Differentiable
        ? ModelHandle.fixed(model, ModelCapability.PROBABILITIES, ModelCapability.INPUT_GRADIENTS)
        : ModelHandle.fixed(model, ModelCapability.PROBABILITIES);
  }

  private static ModelHandle openRegressor(Object instance, String source) {
    if (instance instanceof ModelTrainer<?> trainer) {
      @SuppressWarnings("unchecked")
      ModelTrainer<Object> t = (ModelTrainer<Object>) trainer;
      ModelTrainer<Regressor> checked =
          train -> {
            Object m = t.fit(train);
            if (!(m instanceof Regressor r)) {
              throw new UserInputException(
                  source + " (model.class)",
                  "a trainer whose fit returns " + (m == null ? "null" : m.getClass().getName()),
                  "a trainer of Regressors",
                  "return a dev.gauntlet.model.Regressor from fit");
            }
            return r;
          };
      return ModelHandle.trainableRegressor(checked);
    }
    return ModelHandle.fixedRegressor((Regressor) instance);
  }

  private static Object instantiate(Class<?> c, Map<String, String> params, String source) {
    try {
      Method create = c.getMethod("create", Map.class);
      if (Modifier.isStatic(create.getModifiers())) {
        return create.invoke(null, params);
      }
    } catch (NoSuchMethodException e) {
      // no factory: the public no-argument constructor below
    } catch (ReflectiveOperationException e) {
      throw failure(c, e, source);
    }
    if (!params.isEmpty()) {
      throw new UserInputException(
          source + " (model.params)",
          "parameters " + params.keySet() + " for " + c.getName(),
          "a static create(Map<String, String>) on the class to take them",
          "add the factory, or remove the parameters");
    }
    try {
      return c.getConstructor().newInstance();
    } catch (NoSuchMethodException e) {
      throw new UserInputException(
          source + " (model.class)",
          c.getName() + " without a public no-argument constructor",
          "a public no-argument constructor or a static create(Map<String, String>)",
          "add one of them");
    } catch (ReflectiveOperationException e) {
      throw failure(c, e, source);
    }
  }

  private static RuntimeException failure(
      Class<?> c, ReflectiveOperationException e, String source) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    if (cause instanceof UserInputException u) {
      return u;
    }
    return new UserInputException(
        source + " (model.class)",
        c.getName() + " failed to start: " + cause,
        "a model class that can be created",
        "fix the class's constructor or create method",
        cause);
  }

  /** A handle whose fits and model calls run one at a time. */
  static ModelHandle serialised(ModelHandle inner) {
    Object lock = new Object();
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return inner.capabilities();
      }

      @Override
      public ModelTask task() {
        return inner.task();
      }

      @Override
      public Regressor fitRegressor(Table train) {
        Regressor m;
        synchronized (lock) {
          m = inner.fitRegressor(train);
        }
        return table -> {
          synchronized (lock) {
            return m.predict(table);
          }
        };
      }

      @Override
      public Classifier fit(Table train) {
        Classifier m;
        synchronized (lock) {
          m = inner.fit(train);
        }
        return m instanceof Differentiable d
            ? new LockedDifferentiable(d, lock)
            : new LockedClassifier(m, lock);
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  private record LockedClassifier(Classifier inner, Object lock) implements Classifier {
    @Override
    public List<String> classes() {
      return inner.classes();
    }

    @Override
    public ClassProbabilities predictProba(Table table) {
      synchronized (lock) {
        return inner.predictProba(table);
      }
    }
  }

  private record LockedDifferentiable(Differentiable inner, Object lock) implements Differentiable {
    @Override
    public List<String> classes() {
      return inner.classes();
    }

    @Override
    public ClassProbabilities predictProba(Table table) {
      synchronized (lock) {
        return inner.predictProba(table);
      }
    }

    @Override
    public FeatureEncoder encoder() {
      return inner.encoder();
    }

    @Override
    public InputGradient lossGradient(FeatureMatrix encoded, int[] targets) {
      synchronized (lock) {
        return inner.lossGradient(encoded, targets);
      }
    }
  }
}
