package dev.gauntlet.cli;

import dev.gauntlet.UserInputException;
import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import dev.gauntlet.generators.perturb.PerturbationSpec;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.random.Seed;
import dev.gauntlet.spi.Parameter;
import dev.gauntlet.spi.Perturbation;
import dev.gauntlet.spi.PerturbationProvider;
import dev.gauntlet.spi.PerturbationResult;
import dev.gauntlet.spi.Registry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gauntlet perturb IN.csv --apply NAME[:k=v,...] ... --seed S --out OUT.csv}. */
@Command(
    name = "perturb",
    mixinStandardHelpOptions = true,
    header = "Write a drifted, corrupted or poisoned copy of a CSV file.",
    description = {
      "Write a drifted, corrupted or poisoned copy of a CSV file: each --apply is a perturbation,",
      "applied in order, the i-th with the stream (seed, \"apply\", i). The same input, options",
      "and seed give the same file. Values stay possible: categorical values stay within their",
      "levels (typos excepted), whole-number columns stay whole, non-negative columns stay",
      "non-negative, and ranges= and immutable= are respected. Severity 0 changes nothing.",
      "",
      "After writing, one line per --apply says what it changed: cells changed, rows added or",
      "removed, values clipped to their column's range, and, for perturbations that resample",
      "(selection-bias, prior-shift), the rows replaced by copies of others and the effective",
      "sample size (Kish: (sum w)^2 / sum w^2 of the resampling weights; the row count when",
      "nothing is resampled).",
      "",
      "Examples:",
      "  gauntlet perturb credit.csv --apply covariate-shift:columns=age,shift=1.5 --seed 1 --out drifted.csv",
      "  gauntlet perturb credit.csv --label class --apply missing:rate=0.2,mechanism=mcar \\",
      "      --apply label-flip:rate=0.3 --seed 7 --out noisy.csv",
      "  gauntlet perturb --list"
    })
final class PerturbCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "IN.csv", description = "The input CSV.")
  Path input;

  @Option(
      names = "--apply",
      paramLabel = "NAME[:key=value,...]",
      description = "A perturbation and its parameters; repeat to chain. Lists use ; (a;b).")
  List<String> apply = new ArrayList<>();

  @Option(names = "--seed", paramLabel = "S", description = "The seed (default: 0).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "OUT.csv",
      description = "The output CSV (written atomically).")
  Path out;

  @Option(
      names = "--severity",
      paramLabel = "S",
      description =
          "Severity in [0, 1] for every perturbation (default: 1, the parameters as given).")
  double severity = 1;

  @Option(
      names = "--label",
      paramLabel = "COLUMN",
      description = "The label column, for perturbations that need one (or give label= to each).")
  String label;

  @Mixin ColumnTypeOptions types;

  @Mixin IdOptions ids;

  @Option(
      names = "--list",
      description = "List every perturbation with its parameters and defaults.")
  boolean list;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    Registry<PerturbationProvider> registry = Registry.perturbations();
    if (list) {
      printList(w, registry);
      return GauntletCli.OK;
    }
    if (input == null) {
      throw usage("IN.csv", "no input file", "the CSV to perturb", "give the input file first");
    }
    if (out == null) {
      throw usage("--out", "no output file", "--out OUT.csv", "say where to write the result");
    }
    AtomicFile.checkTarget(out, "--out");
    if (apply.isEmpty()) {
      throw usage(
          "--apply",
          "no perturbation",
          "at least one --apply NAME[:key=value,...]",
          "add, for example, --apply gaussian-noise:scale=0.1 (gauntlet perturb --list shows all)");
    }
    if (!(severity >= 0 && severity <= 1)) {
      throw usage(
          "--severity",
          Double.toString(severity),
          "a number from 0 to 1",
          "choose a severity in [0, 1]");
    }
    // Build every perturbation before reading the data, so spelling errors come first.
    List<Perturbation> chain = new ArrayList<>();
    for (String text : apply) {
      PerturbationSpec p = PerturbationSpec.parse(text);
      chain.add(registry.get(p.name()).create(p.params()));
    }
    CsvOptions options = types.toCsvOptions();
    if (label != null) {
      options = options.withLabel(label);
    }
    Table table =
        ids.mark(
                CsvInput.read(input, options, spec.commandLine().getErr()),
                spec.commandLine().getErr())
            .table();
    Seed root = Seed.of(seed);
    List<String> summaries = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      PerturbationResult result =
          chain.get(i).applyWithSummary(table, severity, root.derive("apply", i));
      table = result.table();
      summaries.add(apply.get(i) + ": " + result.describe());
    }
    Csv.write(table, out);
    w.printf(
        "%s: %d rows, %d columns (seed %d)%n", out, table.rowCount(), table.columnCount(), seed);
    for (String line : summaries) {
      w.println("  " + line);
    }
    return GauntletCli.OK;
  }

  private static UserInputException usage(String where, String found, String expected, String fix) {
    return new UserInputException("gauntlet perturb " + where, found, expected, fix);
  }

  private static void printList(PrintWriter w, Registry<PerturbationProvider> registry) {
    w.println("Every perturbation changes nothing at --severity 0. Those marked (resamples)");
    w.println("replace or insert rows: row i of the output need not be row i of the input.");
    w.println();
    for (PerturbationProvider p : registry.all()) {
      w.printf(
          "%s%s%n  %s%n", p.name(), p.keepsRowIdentity() ? "" : " (resamples)", p.description());
      for (Parameter param : p.parameters()) {
        String def =
            param.required()
                ? "(required)"
                : param.defaultValue().isEmpty()
                    ? "(optional)"
                    : "(default: " + param.defaultValue() + ")";
        w.printf("    %-12s %s %s%n", param.name(), param.description(), def);
      }
      w.println();
    }
  }
}
