package dev.gauntlet.model.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.engine.EngineException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.FeatureEncoder;
import dev.gauntlet.data.FeatureMatrix;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.Differentiable;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelProvider;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Parameter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code torchscript} model kind: a fixed classifier saved with {@code torch.jit.save}, run by
 * DJL's PyTorch engine (libtorch 2.7.1, CPU). TorchScript declares no shapes, so the mapping is
 * checked when the model opens by one row of zeros: the model must accept it and answer one row of
 * as many values as declared classes. Each call takes its own predictor on the shared module, so
 * the handle is thread-safe. Input gradients (for FGSM/PGD) come from libtorch's autograd through
 * the module; gradient calls are serialised on the classifier (synchronized), predictions are not.
 */
public final class TorchScriptModelProvider implements ModelProvider {
  static final List<Parameter> OWN =
      List.of(
          new Parameter(
              "file", null, "the TorchScript file (.pt), relative to the scenario's folder"),
          new Parameter(
              "output",
              "0",
              "which of the module's outputs holds the scores, when it returns several"));

  @Override
  public String name() {
    return "torchscript";
  }

  @Override
  public String description() {
    return "a classifier saved as TorchScript, run by libtorch (fixed; probabilities or logits)";
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(OWN);
    all.addAll(TensorLayout.PARAMETERS);
    all.addAll(TensorLayout.ENCODINGS);
    return all;
  }

  @Override
  public Set<ModelCapability> capabilities() {
    return EnumSet.of(
        ModelCapability.PROBABILITIES,
        ModelCapability.THREAD_SAFE,
        ModelCapability.INPUT_GRADIENTS);
  }

  @Override
  public ModelHandle open(ModelRequest request) {
    TensorLayout layout = TensorLayout.of(request.params(), OWN);
    Path file = request.folder().resolve(layout.values().text("file"));
    TorchScriptClassifier model =
        TorchScriptClassifier.load(file, layout, layout.values().integer("output", 0, 1000));
    Set<ModelCapability> caps = capabilities();
    return new ModelHandle() {
      @Override
      public Set<ModelCapability> capabilities() {
        return caps;
      }

      @Override
      public Classifier fit(Table train) {
        return model;
      }

      @Override
      public void close() {
        model.close();
      }
    };
  }

  /**
   * An opened TorchScript classifier. As a {@link Differentiable} it reads tables through an
   * encoder whose numeric features are the raw column values (centre 0, scale 1) and whose
   * categorical features are one 0/1 feature per declared level; the gradient is the loss's with
   * respect to the raw numeric values, and 0 for categorical features (levels are not continuous).
   */
  public static final class TorchScriptClassifier implements Differentiable, AutoCloseable {
    private final ZooModel<NDList, NDList> model;
    private final TensorLayout layout;
    private final String label;
    private final int output;
    private final FeatureEncoder encoder;

    private TorchScriptClassifier(
        ZooModel<NDList, NDList> model, TensorLayout layout, String label, int output) {
      this.model = model;
      this.layout = layout;
      this.label = label;
      this.output = output;
      this.encoder = identityEncoder(layout);
    }

    /**
     * An encoder fitted on a made-up table: each numeric column alternates -1 and 1 over an even
     * number of rows (mean 0, population deviation 1, so it encodes values as they are), each
     * categorical column cycles through its declared levels (a feature per level, none missing).
     */
    private static FeatureEncoder identityEncoder(TensorLayout layout) {
      int rows = 2;
      for (TensorLayout.Feature f : layout.features()) {
        if (f.encoding() != TensorLayout.Encoding.NUMBER) {
          rows = Math.max(rows, 2 * f.levels().size());
        }
      }
      Table.Builder b = Table.builder();
      List<String> columns = new ArrayList<>();
      for (TensorLayout.Feature f : layout.features()) {
        columns.add(f.column());
        if (f.encoding() == TensorLayout.Encoding.NUMBER) {
          double[] v = new double[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = r % 2 == 0 ? -1 : 1;
          }
          b.numeric(f.column(), v);
        } else {
          String[] v = new String[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = f.levels().get(r % f.levels().size());
          }
          b.categorical(f.column(), v);
        }
      }
      return FeatureEncoder.fit(b.build(), columns);
    }

    /**
     * Opens {@code file} and checks {@code layout} by one row of zeros; a model that refuses it, or
     * answers with another width than the declared classes, is a user error naming the file.
     */
    public static TorchScriptClassifier load(Path file, TensorLayout layout, int output) {
      if (!Files.isRegularFile(file)) {
        throw new UserInputException(
            file.toString(),
            "no such file",
            "a TorchScript file saved with torch.jit.save",
            "check model.params.file, which is relative to the scenario's folder");
      }
      // nothing downloaded, nothing reported: the natives come in the jars
      setDefault("ai.djl.offline", "true");
      setDefault("OPT_OUT_TRACKING", "true");
      // one libtorch thread per call: the engine runs variants on its own threads
      setDefault("ai.djl.pytorch.num_threads", "1");
      setDefault("ai.djl.pytorch.num_interop_threads", "1");
      ZooModel<NDList, NDList> model;
      try {
        model =
            Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                // parameters as ordinary tensors: as inference tensors autograd refuses them
                .optOption("trainParam", "true")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
      } catch (ModelNotFoundException
          | MalformedModelException
          | IOException
          | EngineException
          | IllegalArgumentException e) {
        throw new UserInputException(
            file.toString(),
            "a file libtorch cannot load: " + firstLine(e),
            "a TorchScript file saved with torch.jit.save (torch.jit.trace or script)",
            "save the model as TorchScript again, or check the path",
            e);
      }
      TorchScriptClassifier c =
          new TorchScriptClassifier(model, layout, "TorchScript model " + file, output);
      try {
        c.probe(file);
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
      return c;
    }

    private void probe(Path file) {
      Shape shape;
      int outputs;
      try (Predictor<NDList, NDList> predictor = model.newPredictor();
          NDManager manager = model.getNDManager().newSubManager()) {
        NDList result =
            predictor.predict(
                new NDList(manager.zeros(new Shape(1, layout.width()), DataType.FLOAT32)));
        outputs = result.size();
        shape = output < outputs ? result.get(output).getShape() : null;
      } catch (TranslateException | EngineException e) {
        throw new UserInputException(
            file + " (inputs)",
            "a model that fails on one row of " + layout.width() + " values: " + firstLine(e),
            "a model taking float32 rows of "
                + layout.width()
                + " values: "
                + layout.describeInputs(),
            "make model.params.inputs (and its encodings) match the model's input",
            e);
      }
      if (shape == null) {
        throw new UserInputException(
            file + " (output)",
            "output " + output + " of a module with " + outputs + " outputs",
            "an output index within [0, " + outputs + ")",
            "set model.params.output");
      }
      if (shape.dimension() != 2 || shape.get(0) != 1 || shape.get(1) != layout.classes().size()) {
        throw new UserInputException(
            file + " (output)",
            "shape " + shape + " for one row",
            "(1, " + layout.classes().size() + "): one score per class " + layout.classes(),
            "make model.params.classes match the model's output");
      }
    }

    private static void setDefault(String key, String value) {
      if (System.getProperty(key) == null) {
        System.setProperty(key, value);
      }
    }

    private static String firstLine(Throwable e) {
      String m = String.valueOf(e.getMessage());
      int nl = m.indexOf('\n');
      return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public List<String> classes() {
      return layout.classes();
    }

    @Override
    public ClassProbabilities predictProba(Table table) {
      layout.check(table, label);
      int n = table.rowCount();
      int k = layout.classes().size();
      double[] all = new double[n * k];
      try (Predictor<NDList, NDList> predictor = model.newPredictor()) {
        for (int from = 0; from < n; from += layout.batchSize()) {
          int to = Math.min(n, from + layout.batchSize());
          float[] x = layout.encode(table, from, to, label);
          float[] y;
          try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray input = manager.create(x, new Shape(to - from, layout.width()));
            NDArray scores = predictor.predict(new NDList(input)).get(output);
            if (scores.getDataType() != DataType.FLOAT32) {
              scores = scores.toType(DataType.FLOAT32, false);
            }
            y = scores.toFloatArray();
          } catch (TranslateException | EngineException e) {
            throw new UserInputException(
                label,
                "libtorch failed on rows " + (from + 1) + " to " + to + ": " + firstLine(e),
                "a model that runs on float32 rows of " + layout.width() + " values",
                "check the model's input",
                e);
          }
          double[] p = layout.probabilities(y, to - from, label, from);
          System.arraycopy(p, 0, all, from * k, p.length);
        }
      }
      return ClassProbabilities.of(layout.classes(), n, all);
    }

    @Override
    public FeatureEncoder encoder() {
      return encoder;
    }

    /**
     * The cross-entropy loss {@code -log p(target)} of each row and its gradient with respect to
     * the encoded input, by libtorch's autograd in float32. Serialised (synchronized): DJL's
     * gradient collector is one per thread but the module's parameters are shared.
     */
    @Override
    public synchronized InputGradient lossGradient(FeatureMatrix encoded, int[] targets) {
      int k = layout.classes().size();
      Differentiable.checkTargets(encoded, targets, k);
      int rows = encoded.rows();
      if (rows == 0) {
        return new InputGradient(
            ClassProbabilities.of(layout.classes(), 0, new double[0]),
            new double[0],
            new double[0]);
      }
      float[] x = layout.encode(decode(encoded), 0, rows, label);
      float[] onehot = new float[rows * k];
      for (int r = 0; r < rows; r++) {
        onehot[r * k + targets[r]] = 1;
      }
      float[] scores;
      double[] loss;
      double[] raw;
      try (NDManager manager = model.getNDManager().newSubManager()) {
        NDArray in = manager.create(x, new Shape(rows, layout.width()));
        in.setRequiresGradient(true);
        try (GradientCollector gc = manager.getEngine().newGradientCollector()) {
          // training = true: otherwise DJL runs the module without autograd
          NDArray out =
              model
                  .getBlock()
                  .forward(new ParameterStore(manager, false), new NDList(in), true)
                  .get(output)
                  .toType(DataType.FLOAT32, false);
          NDArray logp = layout.logits() ? out.logSoftmax(1) : out.log();
          NDArray rowLoss =
              logp.mul(manager.create(onehot, new Shape(rows, k))).sum(new int[] {1}).neg();
          // rows are independent, so the gradient of the sum is each row's own gradient
          gc.backward(rowLoss.sum());
          scores = out.toFloatArray();
          loss = rowLoss.toType(DataType.FLOAT64, false).toDoubleArray();
        }
        raw = in.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
      } catch (EngineException e) {
        throw new UserInputException(
            label,
            "libtorch failed to differentiate the model: " + firstLine(e),
            "a model libtorch's autograd can differentiate with respect to its input",
            "use variants without input gradients (not fgsm/pgd) on this model",
            e);
      }
      double[] p = layout.probabilities(scores, rows, label, 0);
      return new InputGradient(
          ClassProbabilities.of(layout.classes(), rows, p), loss, gradient(raw, rows, encoded));
    }

    /** Rows encoded by {@link #encoder()} as a table of the layout's input columns. */
    private Table decode(FeatureMatrix encoded) {
      List<String> names = encoder.featureNames();
      int w = encoded.cols();
      int rows = encoded.rows();
      Table.Builder b = Table.builder();
      for (TensorLayout.Feature f : layout.features()) {
        if (f.encoding() == TensorLayout.Encoding.NUMBER) {
          int j = names.indexOf(f.column());
          double[] v = new double[rows];
          for (int r = 0; r < rows; r++) {
            v[r] = encoded.data()[r * w + j];
          }
          b.numeric(f.column(), v);
        } else {
          String[] v = new String[rows];
          for (int r = 0; r < rows; r++) {
            for (String level : f.levels()) {
              int j = names.indexOf(f.column() + "=" + level);
              if (j >= 0 && encoded.data()[r * w + j] == 1) {
                v[r] = level;
              }
            }
            if (v[r] == null) {
              throw new UserInputException(
                  label + ", input " + UserInputException.quote(f.column()),
                  "a row with no declared level (missing or undeclared)",
                  "one of " + f.levels(),
                  "fix the data, or declare the level in the model's encodings");
            }
          }
          b.categorical(f.column(), v);
        }
      }
      return b.build();
    }

    /** The gradient over the layout's inputs spread onto the encoder's features (0 for levels). */
    private double[] gradient(double[] raw, int rows, FeatureMatrix encoded) {
      List<String> names = encoder.featureNames();
      int w = encoded.cols();
      double[] g = new double[rows * w];
      int offset = 0;
      for (TensorLayout.Feature f : layout.features()) {
        if (f.encoding() == TensorLayout.Encoding.NUMBER) {
          int j = names.indexOf(f.column());
          for (int r = 0; r < rows; r++) {
            g[r * w + j] = raw[r * layout.width() + offset];
          }
        }
        offset += f.width();
      }
      return g;
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
