package dev.gauntlet.model.onnx;

import static dev.gauntlet.UserInputException.quote;

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
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.ClassProbabilities;
import dev.gauntlet.model.Classifier;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code onnx} model kind: a fixed classifier in an ONNX file, run by DJL's ONNX Runtime
 * engine. The input mapping and the output's width are checked against the file's declared shapes
 * when it opens, before any data is read. ONNX Runtime sessions may run from several threads at
 * once; each call takes its own predictor, so the handle is thread-safe.
 */
public final class OnnxModelProvider implements ModelProvider {
  static final List<Parameter> OWN =
      List.of(
          new Parameter("file", null, "the .onnx file, relative to the scenario's folder"),
          new Parameter("input", "", "the input's name; default the model's only input"),
          new Parameter("output", "", "the output's name; default the model's only output"));

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public String description() {
    return "a classifier in an ONNX file, run by ONNX Runtime (fixed; probabilities or logits)";
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
    return EnumSet.of(ModelCapability.PROBABILITIES, ModelCapability.THREAD_SAFE);
  }

  @Override
  public ModelHandle open(ModelRequest request) {
    TensorLayout layout = TensorLayout.of(request.params(), OWN);
    Path file = request.folder().resolve(layout.values().text("file"));
    OnnxClassifier model =
        OnnxClassifier.load(
            file, layout, layout.values().text("input"), layout.values().text("output"));
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

  /** An opened ONNX classifier. */
  public static final class OnnxClassifier implements Classifier, AutoCloseable {
    private final ZooModel<NDList, NDList> model;
    private final TensorLayout layout;
    private final String label;
    private final String inputName;
    private final String outputName;

    private OnnxClassifier(
        ZooModel<NDList, NDList> model,
        TensorLayout layout,
        String label,
        String inputName,
        String outputName) {
      this.model = model;
      this.layout = layout;
      this.label = label;
      this.inputName = inputName;
      this.outputName = outputName;
    }

    /**
     * Opens {@code file} and checks {@code layout} against its declared input and output shapes; a
     * mismatch is a user error naming the file.
     */
    public static OnnxClassifier load(Path file, TensorLayout layout, String input, String output) {
      String label = "ONNX model " + file;
      if (!Files.isRegularFile(file)) {
        throw new UserInputException(
            file.toString(),
            "no such file",
            "an ONNX model file (.onnx)",
            "check model.params.file, which is relative to the scenario's folder");
      }
      // nothing downloaded, nothing reported: the natives come in the jars
      setDefault("ai.djl.offline", "true");
      setDefault("OPT_OUT_TRACKING", "true");
      ZooModel<NDList, NDList> model;
      try {
        model =
            Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
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
            "a file ONNX Runtime cannot load: " + firstLine(e),
            "an ONNX model file",
            "export the model to ONNX again (opset 13 or later), or check the path",
            e);
      }
      try {
        // DJL describes neither ONNX outputs nor dynamic shapes: read them from ONNX Runtime's own
        // metadata of the file (a second, short-lived session)
        Map<String, long[]> inputs = new LinkedHashMap<>();
        Map<String, long[]> outputs = new LinkedHashMap<>();
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
          shapes(session.getInputInfo(), inputs);
          shapes(session.getOutputInfo(), outputs);
        } catch (OrtException e) {
          throw new UserInputException(
              file.toString(),
              "a file ONNX Runtime cannot describe: " + firstLine(e),
              "an ONNX model file",
              "export the model to ONNX again",
              e);
        }
        List<String> inNames = new ArrayList<>(inputs.keySet());
        List<String> outNames = new ArrayList<>(outputs.keySet());
        String in = inNames.get(pick(inNames, input, file, "input"));
        int out = pick(outNames, output, file, "output");
        checkWidth(
            file,
            "input " + quote(in),
            inputs.get(in),
            layout.width(),
            layout.describeInputs(),
            "inputs");
        checkWidth(
            file,
            "output " + quote(outNames.get(out)),
            outputs.get(outNames.get(out)),
            layout.classes().size(),
            "classes " + layout.classes(),
            "classes");
        return new OnnxClassifier(model, layout, label, in, outNames.get(out));
      } catch (RuntimeException e) {
        model.close();
        throw e;
      }
    }

    private static void shapes(Map<String, NodeInfo> info, Map<String, long[]> into) {
      for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
        into.put(
            e.getKey(),
            e.getValue().getInfo() instanceof TensorInfo t ? t.getShape() : new long[0]);
      }
    }

    private static int pick(List<String> names, String name, Path file, String what) {
      if (name.isEmpty()) {
        if (names.size() != 1) {
          throw new UserInputException(
              file + " (" + what + "s)",
              names.size() + " " + what + "s " + names,
              "one " + what + ", or model.params." + what + " naming one",
              "set model.params." + what + " to one of " + names);
        }
        return 0;
      }
      int i = names.indexOf(name);
      if (i < 0) {
        throw new UserInputException(
            file + " (" + what + "s)",
            "no " + what + " named " + quote(name),
            "one of " + names,
            "set model.params." + what + " to one of " + names);
      }
      return i;
    }

    private static void checkWidth(
        Path file, String what, long[] shape, int declared, String mapping, String key) {
      long last = shape.length == 0 ? -1 : shape[shape.length - 1];
      if (shape.length != 2 || (last >= 0 && last != declared)) {
        throw new UserInputException(
            file + " (" + what + ")",
            "shape " + java.util.Arrays.toString(shape).replace("-1", "N") + " in the file",
            "[N, " + declared + "] for the declared " + mapping,
            "make model.params." + key + " match the model's " + what + ", or re-export it");
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
            input.setName(inputName);
            NDList result = predictor.predict(new NDList(input));
            NDArray scores = result.get(outputName);
            if (scores.getDataType() != DataType.FLOAT32) {
              scores = scores.toType(DataType.FLOAT32, false);
            }
            y = scores.toFloatArray();
          } catch (TranslateException | EngineException e) {
            throw new UserInputException(
                label,
                "ONNX Runtime failed on rows " + (from + 1) + " to " + to + ": " + firstLine(e),
                "a model that runs on float32 rows of " + layout.width() + " values",
                "check the model's input type and shape",
                e);
          }
          double[] p = layout.probabilities(y, to - from, label, from);
          System.arraycopy(p, 0, all, from * k, p.length);
        }
      }
      return ClassProbabilities.of(layout.classes(), n, all);
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
