package dev.gauntlet.generators.auto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gauntlet.FieldException;
import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Split;
import dev.gauntlet.data.Table;
import dev.gauntlet.metrics.Fidelity;
import dev.gauntlet.metrics.Privacy;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Generator;
import dev.gauntlet.spi.GeneratorProvider;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.ParameterValues;
import dev.gauntlet.spi.Progress;
import dev.gauntlet.spi.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code auto}: fits each candidate generator (gaussian-copula, vae, gan) to most of the sample,
 * scores the rows each makes against the rows held out from fitting (SDMetrics' quality score),
 * rejects a candidate whose exact copies of fitted rows exceed the held-out rows' own collision
 * rate with them by more than 5 points, and keeps the first candidate that passed (the copula by
 * default: cheaper to fit and steadier) unless another beats its score by more than {@code margin}
 * (0.01), in which case it keeps the best; the winner is refitted to the whole sample with the seed
 * auto was given, so it is the very model the winner alone makes at that seed. On a few hundred
 * held-out rows, scores a few thousandths apart are seed noise. The generator returned is the
 * winner's own, so a saved model is the winner's model file.
 */
public final class AutoProvider implements GeneratorProvider {
  public static final String NAME = "auto";

  /** Copies above the held-out rows' own rate by more than this share reject a candidate. */
  public static final double COPY_MARGIN = 0.05;

  private static final List<Parameter> PARAMETERS =
      List.of(
          new Parameter(
              "candidates",
              "gaussian-copula,vae,gan",
              "the generators tried, in this order (those not installed are skipped)"),
          new Parameter(
              "holdout", "0.3", "share of the sample held out from fitting to score candidates"),
          new Parameter(
              "time-budget",
              "300",
              "seconds: a candidate not started within them is skipped (the first always runs;"
                  + " a started fit is not cut short)"),
          new Parameter(
              "margin",
              "0.01",
              "quality by which a later candidate must beat the first (preferred: cheaper and"
                  + " steadier) to be kept instead, from 0 to 1; above 0.01, auto may keep a"
                  + " generator more than that below the best"),
          new Parameter(
              "refit", "true", "refit the winner to the whole sample (false: keep its fit)"),
          new Parameter("progress", "true", "report the deep candidates' training on stderr"));

  /**
   * One candidate's outcome.
   *
   * @param name the generator
   * @param quality quality score of its rows against the held-out rows (NaN when not fitted)
   * @param copyShare share of its rows that copy a fitted row exactly
   * @param seconds fitting and scoring time
   * @param verdict why it was kept, rejected or skipped
   */
  public record Candidate(
      String name, double quality, double copyShare, double seconds, String verdict) {
    /** One line for a person: name, score, copies, time and verdict. */
    public String describe() {
      if (Double.isNaN(quality)) {
        return String.format(Locale.ROOT, "  %-16s %s", name, verdict);
      }
      return String.format(
          Locale.ROOT,
          "  %-16s quality %.3f, copies %.1f %%, %.1f s: %s",
          name,
          quality,
          100 * copyShare,
          seconds,
          verdict);
    }
  }

  /**
   * What {@link #choose} found.
   *
   * @param winner the kept generator, fitted to the whole sample unless refit=false
   * @param candidates every candidate's outcome, in the order tried
   * @param heldOutCopyShare share of the held-out rows that equal a fitted row: the honest rate
   */
  public record Choice(Generator winner, List<Candidate> candidates, double heldOutCopyShare) {
    /** The lines {@code generate --generator auto} prints. */
    public List<String> describe() {
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              Locale.ROOT,
              "auto: candidates scored on held-out rows (their own copies of fitted rows: %.1f"
                  + " %%); kept %s",
              100 * heldOutCopyShare,
              winner.name()));
      candidates.forEach(c -> lines.add(c.describe()));
      return lines;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "fits gaussian-copula, vae and gan, scores each on held-out rows and keeps the copula"
        + " unless another beats it by more than the margin";
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMETERS;
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed) {
    return choose(sample, params, seed, null).winner();
  }

  @Override
  public Generator fit(Table sample, Map<String, String> params, Seed seed, Progress progress) {
    return choose(sample, params, seed, progress).winner();
  }

  /** Fits, scores and picks as the class comment says. */
  public Choice choose(Table sample, Map<String, String> params, Seed seed, Progress progress) {
    ParameterValues v;
    double holdout;
    double budget;
    double margin;
    boolean refit;
    boolean progressOn;
    try {
      v = ParameterValues.of(params, PARAMETERS);
      holdout = v.within("holdout", 0.05, 0.5);
      budget = v.atLeast("time-budget", 0);
      margin = v.within("margin", 0, 1);
      refit = v.flag("refit");
      progressOn = v.flag("progress");
    } catch (FieldException e) {
      throw new UserInputException(
          "generator auto parameter " + e.pathText(),
          e.found(),
          e.expected(),
          e.fix() != null ? e.fix() : "give " + e.pathText() + " as " + e.expected());
    }
    Registry<GeneratorProvider> registry = Registry.generators();
    List<String> names = new ArrayList<>();
    for (String n : v.text("candidates").split(",")) {
      String name = n.trim();
      if (name.isEmpty() || name.equals(NAME)) {
        throw bad("candidates", v.text("candidates"), "generator names other than auto");
      }
      if (registry.names().contains(name)) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      throw bad(
          "candidates",
          v.text("candidates"),
          "at least one installed generator of " + registry.names());
    }
    Split split = sample.split(holdout, seed.derive("auto-holdout"));
    Table fitted = split.train();
    Table held = split.test();
    double heldCopies = copyShare(fitted, held, seed);
    long start = System.nanoTime();
    List<Candidate> outcomes = new ArrayList<>();
    List<Generator> fits = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (i > 0 && elapsed >= budget) {
        outcomes.add(
            new Candidate(
                name,
                Double.NaN,
                Double.NaN,
                0,
                String.format(Locale.ROOT, "skipped: time budget of %.0f s spent", budget)));
        fits.add(null);
        continue;
      }
      long t0 = System.nanoTime();
      GeneratorProvider p = registry.get(name);
      Map<String, String> own = ownParams(p, progressOn);
      Generator g = p.fit(fitted, own, seed.derive("auto-fit", i), progress);
      Table rows = g.sample(seed.derive("auto-sample", i), held.rowCount());
      double quality = Fidelity.compare(held, rows).qualityScore();
      double copies = copyShare(fitted, rows, seed);
      double seconds = (System.nanoTime() - t0) / 1e9;
      outcomes.add(new Candidate(name, quality, copies, seconds, ""));
      fits.add(g);
    }
    int pick = pick(outcomes, heldCopies, margin);
    String best = pick < 0 ? names.get(0) : names.get(pick);
    Generator bestFit = pick < 0 ? null : fits.get(pick);
    List<Candidate> judged = judge(outcomes, pick, heldCopies, margin, refit);
    if (pick < 0) {
      // every candidate copied too much: the first (the copula by default) is the safest fallback
      judged.set(
          0, withVerdict(judged.get(0), judged.get(0).verdict() + "; kept as no candidate passed"));
    }
    Generator winner = bestFit;
    if (refit || winner == null) {
      GeneratorProvider p = registry.get(best);
      // the seed the winner would get on its own: auto's model is then the winner's very model
      winner = p.fit(sample, ownParams(p, progressOn), seed, progress);
    }
    return new Choice(winner, List.copyOf(judged), heldCopies);
  }

  private static boolean passes(Candidate c, double heldCopies) {
    return c.verdict().isEmpty() && !(c.copyShare() > heldCopies + COPY_MARGIN);
  }

  /**
   * The kept candidate's index (-1: none passed the copy check): the first passing candidate (the
   * preferred one, the copula by default) unless a later one beats its quality by more than {@code
   * margin}; then the best of those.
   */
  static int pick(List<Candidate> outcomes, double heldCopies, double margin) {
    int preferred = -1;
    int best = -1;
    for (int i = 0; i < outcomes.size(); i++) {
      Candidate c = outcomes.get(i);
      if (!passes(c, heldCopies)) {
        continue;
      }
      if (preferred < 0) {
        preferred = i;
      }
      if (best < 0 || c.quality() > outcomes.get(best).quality()) {
        best = i;
      }
    }
    if (best >= 0 && outcomes.get(best).quality() - outcomes.get(preferred).quality() <= margin) {
      return preferred;
    }
    return best;
  }

  /** Every candidate with the verdict that says why it was kept, rejected or not kept. */
  private static List<Candidate> judge(
      List<Candidate> outcomes, int pick, double heldCopies, double margin, boolean refit) {
    List<Candidate> judged = new ArrayList<>();
    int preferred = -1;
    for (int i = 0; i < outcomes.size() && preferred < 0; i++) {
      if (passes(outcomes.get(i), heldCopies)) {
        preferred = i;
      }
    }
    String refitted = refit ? ", refitted to all rows" : "";
    for (int i = 0; i < outcomes.size(); i++) {
      Candidate c = outcomes.get(i);
      if (!c.verdict().isEmpty()) {
        judged.add(c);
      } else if (!passes(c, heldCopies)) {
        judged.add(withVerdict(c, "rejected: copies more than 5 points above the held-out rows'"));
      } else if (i == pick && i == preferred) {
        boolean alone = outcomes.stream().filter(o -> passes(o, heldCopies)).count() == 1;
        judged.add(
            withVerdict(
                c,
                alone
                    ? "kept: the only candidate that passed" + refitted
                    : String.format(
                            Locale.ROOT,
                            "kept: the preferred candidate (listed first), as none beat it by more"
                                + " than %.3f",
                            margin)
                        + refitted));
      } else if (i == pick) {
        judged.add(
            withVerdict(
                c,
                String.format(
                        Locale.ROOT,
                        "kept: %.3f above %s, more than the %.3f margin",
                        c.quality() - outcomes.get(preferred).quality(),
                        outcomes.get(preferred).name(),
                        margin)
                    + refitted));
      } else if (pick >= 0 && i != preferred && c.quality() > outcomes.get(pick).quality()) {
        judged.add(
            withVerdict(
                c,
                String.format(
                    Locale.ROOT,
                    "not kept: %.3f above %s, within the %.3f margin",
                    c.quality() - outcomes.get(pick).quality(),
                    outcomes.get(pick).name(),
                    margin)));
      } else if (pick >= 0) {
        judged.add(
            withVerdict(
                c,
                String.format(
                    Locale.ROOT,
                    "not kept: %.3f below %s",
                    outcomes.get(pick).quality() - c.quality(),
                    outcomes.get(pick).name())));
      } else {
        judged.add(c);
      }
    }
    return judged;
  }

  @Override
  public Generator restore(JsonNode state) {
    throw new UserInputException(
        "generator auto",
        "a model saved as auto",
        "the winner's model file (auto saves the generator it kept, under that generator's name)",
        "load the file --save-model wrote after --generator auto");
  }

  private static Candidate withVerdict(Candidate c, String verdict) {
    return new Candidate(c.name(), c.quality(), c.copyShare(), c.seconds(), verdict);
  }

  /** The candidate's parameters: only progress, for those that take it. */
  private static Map<String, String> ownParams(GeneratorProvider p, boolean progress) {
    boolean takesProgress = p.parameters().stream().anyMatch(x -> x.name().equals("progress"));
    return takesProgress ? Map.of("progress", Boolean.toString(progress)) : Map.of();
  }

  private static double copyShare(Table fitted, Table rows, Seed seed) {
    return Privacy.of(fitted, rows, 200, seed.derive("auto-copies")).exactCopyShare();
  }

  private static UserInputException bad(String key, String found, String expected) {
    return new UserInputException(
        "generator auto parameter " + key,
        UserInputException.quote(found),
        expected,
        "give " + key + " as " + expected);
  }
}
