package dev.gauntlet.scenario.internal;

import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.EvasionAttack;
import dev.gauntlet.random.Seed;
import dev.gauntlet.scenario.VariantKind;
import dev.gauntlet.scenario.VariantKind.Category;
import dev.gauntlet.spi.ModelCapability;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.Registry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The variant kinds: registered perturbations, poisoning and leakage, attacks, synthetic data. */
public final class Variants {
  /** Registered perturbations that act on training rows, not test rows. */
  static final Set<String> TRAINING_PERTURBATIONS = Set.of("label-flip", "backdoor", "label-leak");

  static final List<Parameter> ATTACK_DOMAIN =
      List.of(
          new Parameter("immutable", "", "columns the attack never changes, as a;b"),
          new Parameter("ranges", "", "declared ranges, as age:18..100;income:0.."));

  private Variants() {}

  /** Every kind, sorted by category then name. */
  public static List<VariantKind> all() {
    return all(Registry.perturbations());
  }

  /** Every kind with these perturbations, sorted by category then name. */
  static List<VariantKind> all(Registry<PerturbationProvider> perturbations) {
    List<VariantKind> out = new ArrayList<>();
    for (PerturbationProvider p : perturbations.all()) {
      if (!TRAINING_PERTURBATIONS.contains(p.name())) {
        out.add(
            new VariantKind(
                p.name(),
                Category.TEST_TIME,
                p.description(),
                p.parameters(),
                Set.of(),
                List.of()));
      }
    }
    Set<ModelCapability> retrain = Set.of(ModelCapability.RETRAINABLE);
    for (String name : List.of("label-flip", "label-leak")) {
      PerturbationProvider p = perturbations.get(name);
      String what =
          name.equals("label-leak")
              ? "training rows get a feature that encodes the label (at test time it carries"
                  + " none); refit"
              : p.description() + " (training rows); refit";
      out.add(
          new VariantKind(name, Category.TRAINING_TIME, what, p.parameters(), retrain, List.of()));
    }
    PerturbationProvider backdoor = perturbations.get("backdoor");
    out.add(
        new VariantKind(
            "backdoor",
            Category.TRAINING_TIME,
            backdoor.description()
                + " (training rows); refit; also its success rate on"
                + " triggered test rows",
            backdoor.parameters(),
            retrain,
            List.of("backdoor_success_rate")));
    out.add(
        new VariantKind(
            "near-boundary-flip",
            Category.TRAINING_TIME,
            "flip the labels of the training rows nearest the clean model's decision boundary to"
                + " the runner-up class; refit",
            List.of(new Parameter("rate", "0.1", "share of training rows flipped at severity 1")),
            retrain,
            List.of()));
    out.add(
        new VariantKind(
            "copy-test-rows",
            Category.TRAINING_TIME,
            "leakage: copy a share of the test rows into the training rows; refit",
            List.of(
                new Parameter(
                    "rate", "1", "share of the test rows copied into training at severity 1")),
            retrain,
            List.of()));
    List<Parameter> attack = new ArrayList<>();
    attack.add(new Parameter("norm", "linf", "the budget's norm: linf or l2"));
    attack.add(
        new Parameter(
            "epsilon",
            "1",
            "the budget at severity 1, in per-column standard deviations of the training rows;"
                + " severity s gives s x epsilon"));
    List<Parameter> blackBox = new ArrayList<>(attack);
    blackBox.add(new Parameter("max-queries", "200", "model queries per row; >= 2"));
    blackBox.addAll(ATTACK_DOMAIN);
    out.add(
        new VariantKind(
            "score-based",
            Category.EVASION,
            "black-box random search on class probabilities (Square-attack style), any model",
            blackBox,
            Set.of(ModelCapability.PROBABILITIES),
            List.of("attack_success_rate")));
    out.add(
        new VariantKind(
            "decision-based",
            Category.EVASION,
            "black-box boundary search on predicted classes only (HopSkipJump style), any model",
            blackBox,
            Set.of(),
            List.of("attack_success_rate")));
    List<Parameter> fgsm = new ArrayList<>(attack);
    fgsm.addAll(ATTACK_DOMAIN);
    out.add(
        new VariantKind(
            "fgsm",
            Category.EVASION,
            "fast gradient sign method: one step along the loss's gradient",
            fgsm,
            Set.of(ModelCapability.INPUT_GRADIENTS),
            List.of("attack_success_rate")));
    List<Parameter> pgd = new ArrayList<>(attack);
    pgd.add(new Parameter("steps", "20", "gradient steps; >= 1"));
    pgd.addAll(ATTACK_DOMAIN);
    out.add(
        new VariantKind(
            "pgd",
            Category.EVASION,
            "projected gradient descent from a random start within the budget",
            pgd,
            Set.of(ModelCapability.INPUT_GRADIENTS),
            List.of("attack_success_rate")));
    out.add(
        new VariantKind(
            "synthetic",
            Category.SYNTHETIC,
            "fit a generator on the training rows and replace a share of them (severity 1:"
                + " train on synthetic, test on real); reports the rows' fidelity, privacy and"
                + " utility",
            List.of(
                new Parameter(
                    "generator",
                    "gaussian-copula",
                    "a registered generator; its own parameters go alongside this one"),
                new Parameter(
                    "rows",
                    "",
                    "rows the generator draws and is judged on (default: as many as the training"
                        + " rows); severity 1 still trains on as many rows as there are training"
                        + " rows"),
                new Parameter(
                    "add-class",
                    "",
                    "a class of the label: severity s adds s x (largest class's rows - its rows)"
                        + " synthetic rows of it to the training rows instead of replacing any")),
            retrain,
            Synthetic.METRICS));
    out.sort(
        Comparator.comparing((VariantKind k) -> k.category().ordinal())
            .thenComparing(VariantKind::name));
    return List.copyOf(out);
  }

  /** The kind of a name among these; an unknown name is a user error listing the known ones. */
  static VariantKind get(List<VariantKind> all, String name, String where) {
    for (VariantKind k : all) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    List<String> names = all.stream().map(VariantKind::name).toList();
    String close = closest(name, names);
    throw new UserInputException(
        where,
        "variant kind " + UserInputException.quote(name),
        "one of " + names + (close == null ? "" : " (did you mean " + close + "?)"),
        "use a listed kind (gauntlet run --list shows each with its parameters)");
  }

  static String closest(String typed, List<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(typed, n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, typed.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The parameters given, checked against a kind's (unknown names refused, defaults filled). */
  static dev.gauntlet.spi.ParameterValues values(
      VariantKind kind, Map<String, String> params, String where) {
    try {
      return dev.gauntlet.spi.ParameterValues.of(params, kind.parameters());
    } catch (FieldException e) {
      throw new UserInputException(
          where + "." + e.pathText() + ")",
          e.found(),
          e.expected(),
          e.fix() == null ? "see gauntlet run --list" : e.fix(),
          e);
    }
  }

  static EvasionAttack.Norm norm(String text, String where) {
    return switch (text) {
      case "linf" -> EvasionAttack.Norm.LINF;
      case "l2" -> EvasionAttack.Norm.L2;
      default ->
          throw new UserInputException(
              where + ".norm)",
              UserInputException.quote(text),
              "linf or l2",
              "write norm: linf or norm: l2");
    };
  }

  /**
   * label-leak's test rows: the leaking column, carrying nothing. Severity 0 adds no column (it
   * changes nothing), so the column is drawn at the smallest severity above 0, where each row's
   * value is a random class's (the class index with probability 4.9e-324).
   */
  static Table leakFreeTestRows(dev.gauntlet.spi.Perturbation leak, Table test, Seed seed) {
    return leak.apply(test, Double.MIN_VALUE, seed.derive("test-rows"));
  }

  /**
   * A refitted model's probabilities over the clean model's classes: a class its training rows
   * lacked (every label of it flipped, a generator that drew none of it) gets probability 0, so the
   * model is measured (it never predicts that class) rather than refused. Probabilities with a
   * class outside {@code classes} are returned as they are.
   */
  static dev.gauntlet.model.ClassProbabilities onClasses(
      dev.gauntlet.model.ClassProbabilities p, List<String> classes) {
    if (p.classes().equals(classes) || !classes.containsAll(p.classes())) {
      return p;
    }
    int k = classes.size();
    double[] all = new double[p.rows() * k];
    for (int c = 0; c < p.classCount(); c++) {
      int to = classes.indexOf(p.classes().get(c));
      for (int r = 0; r < p.rows(); r++) {
        all[r * k + to] = p.get(r, c);
      }
    }
    return dev.gauntlet.model.ClassProbabilities.of(classes, p.rows(), all);
  }

  /** The table without the rows marked in {@code drop}, in their order. */
  static Table without(Table t, boolean[] drop) {
    int kept = 0;
    for (boolean d : drop) {
      kept += d ? 0 : 1;
    }
    int[] rows = new int[kept];
    for (int r = 0, i = 0; r < drop.length; r++) {
      if (!drop[r]) {
        rows[i++] = r;
      }
    }
    return t.take(rows);
  }
}
