package dev.gauntlet.generators.deep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.internal.JsonAt;
import dev.gauntlet.spi.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training options of the deep generators, read from the provider's text parameters.
 *
 * @param epochs passes over the data; 0 = from the step budget ({@link #forRows})
 * @param batchSize rows per step; 0 = from the row count ({@link #forRows})
 * @param steps optimizer steps when {@code epochs} is 0
 * @param learningRate Adam's step for the VAE, or for the GAN's generator
 * @param criticLearningRate Adam's step for the GAN's critic (unused by the VAE)
 * @param patience early stopping: stop after this many checks in a row without a better validation
 *     figure (0 = train the whole budget, still keeping the best checkpoint)
 * @param maxModes most mixture components per numeric column
 * @param embedding width of the latent (VAE) or noise (GAN) vector
 * @param hidden width of the hidden layers
 * @param pac rows per PacGAN pack of the critic (unused by the VAE); 0 = from the batch ({@link
 *     #forRows})
 * @param progress print a progress line per epoch on stderr
 * @param drawLevels VAE: draw each one-hot's level from the decoder's softmax when sampling (false:
 *     its arg-max, as TVAE does)
 * @param klWeight VAE: weight of the KL term of the loss (1: the evidence lower bound)
 * @param valueModes a whole-number column with at most {@code maxModes} values gets a mode per
 *     value ({@link DataTransform#fit(dev.gauntlet.data.Table, int, boolean)})
 * @param validation share of the rows held out from training to check the model on (0 = none: no
 *     checks, the last weights are kept)
 * @param checkEvery optimizer steps between two checks on the held-out rows
 */
record TrainingOptions(
    int epochs,
    int batchSize,
    int steps,
    double learningRate,
    double criticLearningRate,
    int patience,
    int maxModes,
    int embedding,
    int hidden,
    int pac,
    boolean progress,
    boolean drawLevels,
    double klWeight,
    boolean valueModes,
    double validation,
    int checkEvery) {

  /**
   * Widest hidden layer or latent vector: 4096 x 4096 weights are 64 MB a layer, already more than
   * a CPU trains in reasonable time; the bound also keeps an edited model file from asking for more
   * memory than exists.
   */
  static final int MAX_WIDTH = 4096;

  static final int MAX_PAC = 64;

  /** Largest automatic pac: CTGAN's 10, reached from batches of 100 rows. */
  static final int AUTO_PAC_MAX = 10;

  /**
   * Default step budget: 300 epochs of 14 batches of 500 on telco's 7,043 rows (the figures of
   * bench/deep.sh), and as many steps on a small table, which then gets more passes.
   */
  static final String DEFAULT_STEPS = "4200";

  /** Automatic batch: a tenth of the rows, within these bounds (see {@link #forRows}). */
  static final int AUTO_BATCH_MIN = 30;

  static final int AUTO_BATCH_MAX = 500;

  /**
   * These options with {@code epochs} and {@code batchSize} chosen for {@code rows} rows where they
   * were left to "auto": batches of a tenth of the rows within [30, 500] (a multiple of pac), so a
   * small table gets ten steps a pass rather than one, and as many epochs as the step budget needs.
   * On credit_g's 500-row training half, batches of 500 for 300 epochs gave 300 steps in all and a
   * quality of 0.60; smaller batches and more steps is what closed most of the gap (issue 19).
   */
  TrainingOptions forRows(int rows) {
    int batch = batchSize;
    int p = pac;
    if (batch == 0) {
      batch = Math.max(AUTO_BATCH_MIN, Math.min(AUTO_BATCH_MAX, rows / 10));
    }
    if (p == 0) {
      // at least ten packs a critic step: on penguins' half (batches of 30) packs of 10 gave the
      // critic three samples a step
      p = Math.max(1, Math.min(AUTO_PAC_MAX, batch / 10));
      while (batch % p != 0) {
        p--;
      }
    }
    if (batchSize == 0) {
      batch = Math.max(p, batch / p * p);
    }
    int e = epochs;
    if (e == 0) {
      int perEpoch = Math.max(1, rows / Math.max(1, Math.min(batch, rows)));
      e = Math.max(1, (int) Math.ceil(steps / (double) perEpoch));
    }
    return new TrainingOptions(
        e,
        batch,
        steps,
        learningRate,
        criticLearningRate,
        patience,
        maxModes,
        embedding,
        hidden,
        p,
        progress,
        drawLevels,
        klWeight,
        valueModes,
        validation,
        checkEvery);
  }

  static final int MAX_MODES = 100;

  /** Default share of the rows held out for the checks. */
  static final String DEFAULT_VALIDATION = "0.1";

  static final String DEFAULT_CHECK_EVERY = "200";

  static final String DEFAULT_PATIENCE = "5";

  /** Fewer held-out rows than this give a figure too noisy to choose weights by: no checks. */
  static final int MIN_VALIDATION_ROWS = 5;

  /** Most of the rows that may be held out. */
  static final double MAX_VALIDATION = 0.5;

  static List<Parameter> parameters(String lr, String criticLr, String hidden) {
    List<Parameter> p = new ArrayList<>();
    p.add(
        new Parameter(
            "epochs",
            "auto",
            "passes over the data (auto: as many as the steps budget needs at the batch size)"));
    p.add(
        new Parameter(
            "batch-size",
            "auto",
            "rows per training step (auto: a tenth of the rows, from "
                + AUTO_BATCH_MIN
                + " to "
                + AUTO_BATCH_MAX
                + ")"));
    p.add(
        new Parameter(
            "steps",
            DEFAULT_STEPS,
            "optimizer steps in all when epochs is auto (300 epochs on 7,000 rows; a small"
                + " table gets more passes)"));
    p.add(
        new Parameter(
            "learning-rate",
            lr,
            criticLr == null ? "Adam's learning rate" : "Adam's learning rate of the generator"));
    if (criticLr != null) {
      p.add(new Parameter("critic-learning-rate", criticLr, "Adam's learning rate of the critic"));
      p.add(
          new Parameter(
              "pac",
              "auto",
              "rows per PacGAN pack seen together by the critic (1 to "
                  + MAX_PAC
                  + "; auto: a tenth of the batch, at most "
                  + AUTO_PAC_MAX
                  + ", so the critic sees ten packs a step)"));
    }
    if (criticLr == null) {
      p.add(
          new Parameter(
              "levels",
              "draw",
              "how a sampled row's categorical levels (and numeric modes) are chosen from the"
                  + " decoder's output: draw (from its softmax) or argmax (TVAE's choice; on scarce"
                  + " data it drops rare levels)"));
      p.add(
          new Parameter(
              "kl-weight",
              "1",
              "weight of the KL term in the loss (1: the evidence lower bound; lower: closer"
                  + " reconstructions, a less regular latent)"));
    }
    p.add(
        new Parameter(
            "validation",
            DEFAULT_VALIDATION,
            "share of the rows held out from training (seeded) to check the model on every"
                + " check-every steps; the best check's weights are kept (0 = no checks, keep the"
                + " last weights; none either when fewer than "
                + MIN_VALIDATION_ROWS
                + " rows would be held out)"));
    p.add(
        new Parameter(
            "check-every",
            DEFAULT_CHECK_EVERY,
            "optimizer steps between checks on the held-out rows ("
                + (criticLr == null
                    ? "the VAE's loss on them"
                    : "the quality score of as many generated rows against them")
                + ")"));
    p.add(
        new Parameter(
            "patience",
            DEFAULT_PATIENCE,
            "early stopping: checks in a row without a better figure before training stops (0 ="
                + " train all steps, still keeping the best check's weights)"));
    p.add(
        new Parameter(
            "max-modes",
            "10",
            "most Gaussian-mixture modes per numeric column (1 to " + MAX_MODES + ")"));
    p.add(
        new Parameter(
            "value-modes",
            "true",
            "a whole-number column with at most max-modes distinct values (a 1-to-4 scale, a year)"
                + " gets one mode per value instead of a fitted mixture (false: always a mixture)"));
    p.add(
        new Parameter(
            "embedding", "128", "width of the latent or noise vector (1 to " + MAX_WIDTH + ")"));
    p.add(new Parameter("hidden", hidden, "width of the hidden layers (1 to " + MAX_WIDTH + ")"));
    p.add(
        new Parameter(
            "progress",
            "true",
            "report training progress on stderr: a bar on a terminal, else a line every 5 s"));
    return List.copyOf(p);
  }

  static TrainingOptions parse(String generator, List<Parameter> known, Map<String, String> given) {
    Map<String, String> v = new LinkedHashMap<>();
    for (Parameter p : known) {
      v.put(p.name(), p.defaultValue());
    }
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        throw new UserInputException(
            "generator " + generator + " parameter " + UserInputException.quote(e.getKey()),
            "an unknown parameter",
            "one of " + v.keySet(),
            "use one of the listed parameter names");
      }
      v.put(e.getKey(), e.getValue());
    }
    int batch = autoOrWholeNumber(generator, v, "batch-size");
    int pac = !v.containsKey("pac") ? 1 : autoOrWholeNumber(generator, v, "pac", MAX_PAC);
    if (batch != 0 && pac != 0 && batch % pac != 0) {
      throw new UserInputException(
          "generator " + generator + " parameters batch-size and pac",
          "batch-size " + batch + " and pac " + pac,
          "a batch size that is a multiple of pac",
          "choose a batch size divisible by " + pac);
    }
    return new TrainingOptions(
        autoOrWholeNumber(generator, v, "epochs"),
        batch,
        wholeNumber(generator, v, "steps", 1),
        positiveDouble(generator, v, "learning-rate"),
        v.containsKey("critic-learning-rate")
            ? positiveDouble(generator, v, "critic-learning-rate")
            : 0,
        wholeNumber(generator, v, "patience", 0),
        wholeNumber(generator, v, "max-modes", 1, MAX_MODES),
        wholeNumber(generator, v, "embedding", 1, MAX_WIDTH),
        wholeNumber(generator, v, "hidden", 1, MAX_WIDTH),
        pac,
        bool(generator, v, "progress"),
        !v.containsKey("levels") || levels(generator, v),
        v.containsKey("kl-weight") ? positiveDouble(generator, v, "kl-weight") : 1,
        bool(generator, v, "value-modes"),
        share(generator, v, "validation", MAX_VALIDATION),
        wholeNumber(generator, v, "check-every", 1));
  }

  JsonNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("epochs", epochs);
    o.put("batchSize", batchSize);
    o.put("steps", steps);
    o.put("learningRate", learningRate);
    o.put("criticLearningRate", criticLearningRate);
    o.put("patience", patience);
    o.put("maxModes", maxModes);
    o.put("embedding", embedding);
    o.put("hidden", hidden);
    o.put("pac", pac);
    o.put("drawLevels", drawLevels);
    o.put("klWeight", klWeight);
    o.put("valueModes", valueModes);
    o.put("validation", validation);
    o.put("checkEvery", checkEvery);
    return o;
  }

  /** The options {@link #toJson} wrote, checked: a problem is a {@link FieldException}. */
  static TrainingOptions fromJson(JsonAt o) {
    o.object("an object with the training options {\"epochs\": ..., ...}");
    int max = Integer.MAX_VALUE;
    return new TrainingOptions(
        o.get("epochs").asInt(1, max),
        o.get("batchSize").asInt(1, max),
        !o.get("steps").isMissing()
            ? o.get("steps").asInt(1, max)
            : Integer.parseInt(DEFAULT_STEPS),
        o.get("learningRate").asPositive(),
        o.get("criticLearningRate").asNonNegative(),
        o.get("patience").asInt(0, max),
        o.get("maxModes").asInt(1, MAX_MODES),
        o.get("embedding").asInt(1, MAX_WIDTH),
        o.get("hidden").asInt(1, MAX_WIDTH),
        o.get("pac").asInt(1, MAX_PAC),
        false,
        // models saved before the option took the arg-max
        !o.get("drawLevels").isMissing() && o.get("drawLevels").asBoolean(),
        !o.get("klWeight").isMissing() ? o.get("klWeight").asPositive() : 1,
        !o.get("valueModes").isMissing() && o.get("valueModes").asBoolean(),
        // models saved before the checks were trained without them
        !o.get("validation").isMissing() ? o.get("validation").asNonNegative() : 0,
        !o.get("checkEvery").isMissing()
            ? o.get("checkEvery").asInt(1, max)
            : Integer.parseInt(DEFAULT_CHECK_EVERY));
  }

  /** A whole number of at least {@code min}: one check, so the message states the one limit. */
  private static int wholeNumber(String g, Map<String, String> v, String key, int min) {
    return wholeNumber(g, v, key, min, Integer.MAX_VALUE);
  }

  /** "auto" (0) or a whole number of at least 1. */
  private static int autoOrWholeNumber(String g, Map<String, String> v, String key) {
    return autoOrWholeNumber(g, v, key, Integer.MAX_VALUE);
  }

  /** "auto" (0) or a whole number within [1, {@code max}] ({@code max} = int's largest: none). */
  private static int autoOrWholeNumber(String g, Map<String, String> v, String key, int max) {
    if (v.get(key).trim().equals("auto")) {
      return 0;
    }
    try {
      return wholeNumber(g, v, key, 1, max);
    } catch (UserInputException e) {
      throw bad(g, key, v.get(key), "auto or " + e.expected());
    }
  }

  /** A whole number within [{@code min}, {@code max}] ({@code max} = int's largest: none). */
  private static int wholeNumber(String g, Map<String, String> v, String key, int min, int max) {
    String text = v.get(key);
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(
        g,
        key,
        text,
        max == Integer.MAX_VALUE
            ? "a whole number >= " + min
            : "a whole number from " + min + " to " + max);
  }

  private static double positiveDouble(String g, Map<String, String> v, String key) {
    String text = v.get(key);
    try {
      double d = Double.parseDouble(text.trim());
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(g, key, text, "a positive number such as 0.001");
  }

  /** A share within [0, {@code max}]. */
  private static double share(String g, Map<String, String> v, String key, double max) {
    String text = v.get(key);
    try {
      double d = Double.parseDouble(text.trim());
      if (d >= 0 && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(g, key, text, "a share from 0 to " + max + " such as 0.1");
  }

  private static boolean levels(String g, Map<String, String> v) {
    String text = v.get("levels").trim();
    if (text.equals("draw") || text.equals("argmax")) {
      return text.equals("draw");
    }
    throw bad(g, "levels", text, "draw or argmax");
  }

  private static boolean bool(String g, Map<String, String> v, String key) {
    String text = v.get(key).trim();
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    throw bad(g, key, text, "true or false");
  }

  private static UserInputException bad(String g, String key, String found, String expected) {
    return new UserInputException(
        "generator " + g + " parameter " + key,
        UserInputException.quote(found),
        expected,
        "give " + key + " as " + expected);
  }
}
