package dev.gauntlet.scenario.internal;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.Leakage;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.GeneratedDatasets;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.spec.ScenarioSpec;
import dev.gauntlet.scenario.spec.VariantSpec;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scenario's datasets without its model ({@code gauntlet generate --scenario}): the data
 * section's rows, the split, and every variant's rows that do not depend on the model, from the
 * seeds {@link Engine} uses, so they are the files a run with {@code output.datasets} writes.
 * Variants that need the model (evasion attacks, near-boundary flips) are skipped, with the reason.
 */
public final class DatasetMaker {
  private DatasetMaker() {}

  /**
   * Makes the datasets; the spec has been validated ({@link Engine#validate}).
   *
   * @param source the scenario's file name, for messages
   */
  public static GeneratedDatasets make(ScenarioSpec spec, Path folder, String source, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads is not positive: " + threads);
    }
    Seed root = Seed.of(spec.seedOrDefault());
    ScenarioData data = ScenarioData.load(spec, folder, root, source);
    DatasetRecorder out = new DatasetRecorder(true, spec.variants());
    out.clean(data);
    Registry<PerturbationProvider> perturbations = Registry.perturbations();
    List<VariantKind> kinds = Variants.all(perturbations);
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < spec.variants().size(); i++) {
      VariantSpec v = spec.variants().get(i);
      String where = source + " (variants[" + i + "]";
      VariantKind kind = Variants.get(kinds, v.kindOrDefault(), where + ".kind)");
      tasks.addAll(tasks(v, kind, where + ".params", data, root, perturbations, out));
    }
    runAll(tasks, threads);
    return out.datasets();
  }

  private static List<Runnable> tasks(
      VariantSpec v,
      VariantKind kind,
      String where,
      ScenarioData data,
      Seed root,
      Registry<PerturbationProvider> perturbations,
      DatasetRecorder out) {
    Table train = data.split().train();
    Table test = data.split().test();
    String name = v.name();
    Seed variantSeed = root.derive("variant:" + name);
    List<Runnable> tasks = new ArrayList<>();
    switch (kind.category()) {
      case EVASION -> out.skipped(name, "an attack on the model: its rows need the model");
      case SYNTHETIC -> {
        Synthetic.addClass(v.params(), train, data.label(), where);
        tasks.add(() -> out.synthetic(name, Synthetic.rows(train, v.params(), variantSeed, where)));
      }
      case TEST_TIME, TRAINING_TIME -> {
        String k = kind.name();
        if (k.equals("near-boundary-flip")) {
          out.skipped(name, "flips the rows nearest the model's boundary: its rows need the model");
          break;
        }
        Perturbation pert =
            k.equals("copy-test-rows") ? null : perturbation(perturbations, k, v, where);
        double rate = k.equals("copy-test-rows") ? Engine.rate(kind, v.params(), where) : 0;
        for (double s : v.severityList()) {
          if (s == 0) {
            continue;
          }
          Seed seed = variantSeed.derive("severity", Double.doubleToLongBits(s));
          tasks.add(
              () -> {
                switch (k) {
                  case "label-flip", "backdoor" ->
                      out.rows(name, s, "train", pert.apply(train, s, seed));
                  case "label-leak" -> {
                    out.rows(name, s, "train", pert.apply(train, s, seed));
                    out.rows(name, s, "test", Variants.leakFreeTestRows(pert, test, seed));
                  }
                  case "copy-test-rows" ->
                      out.rows(name, s, "train", Leakage.copyTestRows(train, test, rate * s, seed));
                  default -> out.rows(name, s, "test", pert.apply(test, s, seed));
                }
              });
        }
      }
    }
    return tasks;
  }

  private static Perturbation perturbation(
      Registry<PerturbationProvider> perturbations, String kind, VariantSpec v, String where) {
    try {
      return perturbations.get(kind).create(v.params());
    } catch (UserInputException e) {
      throw new UserInputException(where + ") " + e.where(), e.found(), e.expected(), e.fix(), e);
    }
  }

  private static void runAll(List<Runnable> tasks, int threads) {
    if (threads == 1) {
      tasks.forEach(Runnable::run);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable t : tasks) {
        futures.add(pool.submit(t));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
