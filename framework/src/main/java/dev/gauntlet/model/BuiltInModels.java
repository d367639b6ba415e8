package dev.gauntlet.model;

import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.ModelTask;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The in-JVM models as {@link ModelProvider}s: logistic regression and a decision tree
 * (classifiers), linear regression and a regression tree (regressors).
 */
public final class BuiltInModels {
  private BuiltInModels() {}

  /** The parameters of both trees, classification and regression. */
  private static final List<Parameter> TREE_PARAMETERS =
      List.of(
          new Parameter("max-depth", "8", "the deepest a leaf may be; >= 1"),
          new Parameter("min-samples-leaf", "5", "the fewest training rows a leaf may hold; >= 1"));

  /** A tree's depth limit, as given. */
  private static int maxDepth(ParameterValues p) {
    return p.integer("max-depth", 1, 1000);
  }

  /** A tree's least rows per leaf, as given. */
  private static int minSamplesLeaf(ParameterValues p) {
    return p.integer("min-samples-leaf", 1, Integer.MAX_VALUE);
  }

  /** {@code logistic-regression}: {@link LogisticRegression}, differentiable. */
  public static final class LogisticRegressionProvider implements ModelProvider {
    @Override
    public String name() {
      return "logistic-regression";
    }

    @Override
    public String description() {
      return "multinomial logistic regression with an L2 penalty (scikit-learn's objective)";
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(
          new Parameter("c", "1", "inverse of the L2 penalty's strength; > 0"),
          new Parameter("max-iterations", "100", "the most Newton steps; >= 1"));
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return EnumSet.allOf(ModelCapability.class);
    }

    @Override
    public ModelHandle open(ModelRequest request) {
      ParameterValues p = ParameterValues.of(request.params(), parameters());
      LogisticRegression.Trainer trainer =
          LogisticRegression.trainer(request.label())
              .withC(p.above("c", 0))
              .withMaxIterations(p.integer("max-iterations", 1, 1_000_000));
      return ModelHandle.trainable(
          trainer, ModelCapability.INPUT_GRADIENTS, ModelCapability.THREAD_SAFE);
    }
  }

  /** {@code decision-tree}: a CART {@link DecisionTree}. */
  public static final class DecisionTreeProvider implements ModelProvider {
    @Override
    public String name() {
      return "decision-tree";
    }

    @Override
    public String description() {
      return "a CART classification tree grown by Gini impurity";
    }

    @Override
    public List<Parameter> parameters() {
      return TREE_PARAMETERS;
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return EnumSet.of(
          ModelCapability.PROBABILITIES, ModelCapability.RETRAINABLE, ModelCapability.THREAD_SAFE);
    }

    @Override
    public ModelHandle open(ModelRequest request) {
      ParameterValues p = ParameterValues.of(request.params(), parameters());
      DecisionTree.Trainer trainer =
          DecisionTree.trainer(request.label())
              .withMaxDepth(maxDepth(p))
              .withMinSamplesLeaf(minSamplesLeaf(p))
              .withSeed(request.seed());
      return ModelHandle.trainable(trainer, ModelCapability.THREAD_SAFE);
    }
  }

  /** {@code linear-regression}: least squares, optionally ridge, {@link LinearRegression}. */
  public static final class LinearRegressionProvider implements ModelProvider {
    @Override
    public String name() {
      return "linear-regression";
    }

    @Override
    public String description() {
      return "least-squares linear regression of a numeric label, with an optional L2 (ridge)"
          + " penalty (scikit-learn's LinearRegression / Ridge)";
    }

    @Override
    public List<Parameter> parameters() {
      return List.of(
          new Parameter(
              "l2", "0", "the ridge penalty's strength (scikit-learn's alpha); 0 for none; >= 0"));
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return EnumSet.of(ModelCapability.RETRAINABLE, ModelCapability.THREAD_SAFE);
    }

    @Override
    public ModelTask task() {
      return ModelTask.REGRESSION;
    }

    @Override
    public ModelHandle open(ModelRequest request) {
      ParameterValues p = ParameterValues.of(request.params(), parameters());
      LinearRegression.Trainer trainer =
          LinearRegression.trainer(request.label()).withL2(p.atLeast("l2", 0));
      return ModelHandle.trainableRegressor(trainer, ModelCapability.THREAD_SAFE);
    }
  }

  /** {@code regression-tree}: a CART {@link RegressionTree}. */
  public static final class RegressionTreeProvider implements ModelProvider {
    @Override
    public String name() {
      return "regression-tree";
    }

    @Override
    public String description() {
      return "a CART regression tree of a numeric label, grown by variance reduction";
    }

    @Override
    public List<Parameter> parameters() {
      return TREE_PARAMETERS;
    }

    @Override
    public Set<ModelCapability> capabilities() {
      return EnumSet.of(ModelCapability.RETRAINABLE, ModelCapability.THREAD_SAFE);
    }

    @Override
    public ModelTask task() {
      return ModelTask.REGRESSION;
    }

    @Override
    public ModelHandle open(ModelRequest request) {
      ParameterValues p = ParameterValues.of(request.params(), parameters());
      RegressionTree.Trainer trainer =
          RegressionTree.trainer(request.label())
              .withMaxDepth(maxDepth(p))
              .withMinSamplesLeaf(minSamplesLeaf(p))
              .withSeed(request.seed());
      return ModelHandle.trainableRegressor(trainer, ModelCapability.THREAD_SAFE);
    }
  }
}
