// Rows per second of the model adapters against the libraries called directly, in one JVM and
// one run (bench/adapters.sh compiles and runs this file against the CLI's class path).
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.model.Classifier;
import dev.gauntlet.model.adapter.TensorLayout;
import dev.gauntlet.model.http.KServeServer;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.ModelHandle;
import dev.gauntlet.spi.ModelRequest;
import dev.gauntlet.spi.Registry;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

public class AdapterBenchmark {
  static final int ROWS = 100_000;
  static final int BATCH = 1024;
  static final String IRIS_INPUTS =
      "sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm";

  public static void main(String[] args) throws Exception {
    Path examples = Path.of(args[0]);
    Path models = examples.resolve("models");
    Table iris = repeat(Csv.read(examples.resolve("data/iris.csv")), ROWS);
    Table credit = repeat(Csv.read(examples.resolve("data/credit_g.csv")), ROWS);
    List<String> irisColumns = List.of(IRIS_INPUTS.split(", "));
    Map<String, String> irisParams =
        Map.of(
            "file", "iris_lr.onnx",
            "inputs", IRIS_INPUTS,
            "classes", "setosa, versicolor, virginica",
            "batch-size", Integer.toString(BATCH));
    Map<String, String> creditParams =
        Map.of(
            "file", "credit_mlp.pt",
            "inputs", "duration, credit_amount, age, checking_status",
            "one-hot.checking_status", "<0 | 0<=X<200 | >=200 | no checking",
            "classes", "bad, good",
            "batch-size", Integer.toString(BATCH));
    System.out.printf(
        "%,d rows, batches of %d, best of 7 alternated runs after a warm-up%n", ROWS, BATCH);

    // ONNX: the adapter against ONNX Runtime's Java API on the same float32 batches
    try (ModelHandle onnx = open("onnx", irisParams, models);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = env.createSession(models.resolve("iris_lr.onnx").toString())) {
      Classifier adapter = onnx.fit(iris);
      double[] ad =
          rates(
              () -> adapter.predictProba(iris).rows(),
              () -> {
                int done = 0;
                double[][] columns = columns(iris, irisColumns);
                for (int from = 0; from < ROWS; from += BATCH) {
                  int to = Math.min(ROWS, from + BATCH);
                  float[] x = numbers(columns, from, to);
                  try (OnnxTensor t =
                          OnnxTensor.createTensor(
                              env, FloatBuffer.wrap(x), new long[] {to - from, 4});
                      OrtSession.Result r = session.run(Map.of("input", t))) {
                    done += ((float[][]) r.get(0).getValue()).length;
                  }
                }
                return done;
              });
      report("onnx adapter", ad[0], "ONNX Runtime Java API directly", ad[1]);
    }

    // TorchScript (the credit MLP: there is no iris TorchScript model): the adapter against a DJL
    // predictor on the same float32 batches (one-hot built by hand)
    try (ModelHandle torch = open("torchscript", creditParams, models);
        ZooModel<NDList, NDList> model =
            Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(models.resolve("credit_mlp.pt"))
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel()) {
      Classifier adapter = torch.fit(credit);
      TensorLayout layout = TensorLayout.shared(creditParams);
      double[] ad =
          rates(
              () -> adapter.predictProba(credit).rows(),
              () -> {
                int done = 0;
                double[][] columns =
                    columns(credit, List.of("duration", "credit_amount", "age"));
                int[] status = statusLevels(credit);
                try (Predictor<NDList, NDList> p = model.newPredictor()) {
                  for (int from = 0; from < ROWS; from += BATCH) {
                    int to = Math.min(ROWS, from + BATCH);
                    float[] x = creditRows(columns, status, from, to);
                    try (NDManager m = model.getNDManager().newSubManager()) {
                      NDArray in = m.create(x, new Shape(to - from, 7));
                      done += p.predict(new NDList(in)).get(0).toFloatArray().length / 2;
                    }
                  }
                }
                return done;
              });
      report("torchscript adapter", ad[0], "DJL predictor directly", ad[1]);
    }

    // HTTP: the iris ONNX model served by gauntlet's KServe v2 server on 127.0.0.1
    try (ModelHandle onnx = open("onnx", irisParams, models);
        KServeServer server =
            KServeServer.start("iris", onnx.fit(iris), TensorLayout.shared(irisParams), 0);
        ModelHandle http =
            open(
                "http",
                Map.of(
                    "url", server.url(),
                    "model", "iris",
                    "inputs", IRIS_INPUTS,
                    "classes", "setosa, versicolor, virginica",
                    "batch-size", Integer.toString(BATCH)),
                models)) {
      Classifier adapter = http.fit(iris);
      double a = rates(() -> adapter.predictProba(iris).rows(), () -> ROWS)[0];
      System.out.printf("http adapter (loopback, KServe v2 JSON): %,.0f rows/s (no target)%n", a);
    }
  }

  static ModelHandle open(String kind, Map<String, String> params, Path folder) {
    return Registry.models().get(kind).open(new ModelRequest("y", params, Seed.of(1), folder));
  }

  static void report(String adapter, double a, String direct, double d) {
    System.out.printf(
        "%s: %,.0f rows/s; %s: %,.0f rows/s; ratio %.2f (target >= 0.8)%n",
        adapter, a, direct, d, a / d);
  }

  /**
   * Rows per second of {@code a} and {@code b}: the best of 7 timed runs each after a warm-up,
   * alternated so that both meet the same load on a shared machine.
   */
  static double[] rates(Callable<Integer> a, Callable<Integer> b) throws Exception {
    if (a.call() != ROWS || b.call() != ROWS) {
      throw new IllegalStateException("a run did not see every row");
    }
    double bestA = Double.MAX_VALUE;
    double bestB = Double.MAX_VALUE;
    for (int i = 0; i < 7; i++) {
      bestA = Math.min(bestA, seconds(a));
      bestB = Math.min(bestB, seconds(b));
    }
    return new double[] {ROWS / bestA, ROWS / bestB};
  }

  static double seconds(Callable<Integer> work) throws Exception {
    long t = System.nanoTime();
    work.call();
    return Math.max(1e-9, (System.nanoTime() - t) / 1e9);
  }

  static Table repeat(Table t, int rows) {
    int[] index = new int[rows];
    for (int i = 0; i < rows; i++) {
      index[i] = i % t.rowCount();
    }
    return t.take(index);
  }

  /** The columns' values, read once a run (values() copies). */
  static double[][] columns(Table t, List<String> names) {
    double[][] out = new double[names.size()][];
    for (int c = 0; c < out.length; c++) {
      out[c] = t.numeric(names.get(c)).values();
    }
    return out;
  }

  static float[] numbers(double[][] columns, int from, int to) {
    int w = columns.length;
    float[] x = new float[(to - from) * w];
    for (int c = 0; c < w; c++) {
      for (int r = from; r < to; r++) {
        x[(r - from) * w + c] = (float) columns[c][r];
      }
    }
    return x;
  }

  /** Each row's checking_status as its position in the model's one-hot order. */
  static int[] statusLevels(Table t) {
    List<String> levels = List.of("<0", "0<=X<200", ">=200", "no checking");
    var status = t.categorical("checking_status");
    int[] out = new int[t.rowCount()];
    for (int r = 0; r < out.length; r++) {
      out[r] = levels.indexOf(status.level(r));
    }
    return out;
  }

  static float[] creditRows(double[][] columns, int[] status, int from, int to) {
    float[] x = numbers(columns, from, to);
    float[] out = new float[(to - from) * 7];
    for (int r = from; r < to; r++) {
      int i = r - from;
      System.arraycopy(x, i * 3, out, i * 7, 3);
      out[i * 7 + 3 + status[r]] = 1f;
    }
    return out;
  }
}
