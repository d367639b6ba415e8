package dev.gauntlet.generators.perturb;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.CsvOptions;
import dev.gauntlet.data.Table;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example datasets the perturbation tests use, read once. */
final class Data {
  private static Table creditG;
  private static Table telco;

  private Data() {}

  /** A file of the project's examples/data, found from any module's folder (modules nest). */
  static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("examples").resolve("data"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no examples/data above " + Path.of("").toAbsolutePath());
    }
    return dir.resolve("examples").resolve("data").resolve(name);
  }

  /** UCI German credit, 1000 rows, label "class" (good 700 / bad 300). */
  static synchronized Table creditG() {
    if (creditG == null) {
      creditG = Csv.read(file("credit_g.csv"), CsvOptions.defaults().withLabel("class"));
    }
    return creditG;
  }

  /** IBM telco churn, 7043 rows, label "churn" (Yes 26.5 %). */
  static synchronized Table telco() {
    if (telco == null) {
      telco = Csv.read(file("telco_churn.csv"), CsvOptions.defaults().withLabel("churn"));
    }
    return telco;
  }
}
