package dev.gauntlet.scenario;

import dev.gauntlet.data.Csv;
import dev.gauntlet.data.Table;
import dev.gauntlet.internal.AtomicFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The datasets a scenario made, by their path inside the {@code datasets} folder of the output:
 * what a run writes when the scenario says {@code output: {datasets: true}} and what {@code
 * gauntlet generate --scenario} writes. The layout:
 *
 * <pre>
 * datasets/data.csv                      every row the data section made, before the split
 * datasets/train.csv, datasets/test.csv  the split
 * datasets/VARIANT/SEVERITY/test.csv     a test-time variant's test rows (and label-leak's)
 * datasets/VARIANT/SEVERITY/train.csv    a training-time variant's training rows
 * datasets/VARIANT/synthetic.csv         a synthetic variant's generated rows
 * </pre>
 *
 * SEVERITY is the severity's shortest decimal ({@code 0.25}, {@code 1}); severity 0 has no files
 * (its rows are train.csv and test.csv). Evasion variants write none (their rows are the model's
 * attack).
 *
 * @param files the tables by path ({@code /}-separated, relative to the {@code datasets} folder),
 *     in a fixed order: data, train, test, then the variants in the scenario's order
 * @param skipped variants that made no dataset, with the reason (by {@code generate}: those that
 *     need the model)
 */
public record GeneratedDatasets(Map<String, Table> files, Map<String, String> skipped) {
  /** The folder inside the output folder. */
  public static final String FOLDER = "datasets";

  public GeneratedDatasets {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** No datasets: a run that was not asked for them. */
  public static GeneratedDatasets none() {
    return new GeneratedDatasets(Map.of(), Map.of());
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** The path of a variant's dataset at a severity: {@code VARIANT/SEVERITY/ROLE.csv}. */
  public static String pathOf(String variant, double severity, String role) {
    return variant + "/" + severityText(severity) + "/" + role + ".csv";
  }

  /** A severity as a folder name: its shortest decimal, {@code 0.25}, {@code 1}. */
  public static String severityText(double severity) {
    return BigDecimal.valueOf(severity).stripTrailingZeros().toPlainString();
  }

  /**
   * Writes every file as CSV into {@code output/datasets}, replacing what was there. The files go
   * to a temporary folder beside it, which takes the place of {@code datasets} only when all are
   * written, so a failure leaves the earlier folder (or none), never a half-written one.
   *
   * @return the SHA-256 of each file written, by its path relative to {@code output} ({@code
   *     datasets/train.csv}), in this object's order
   */
  public Map<String, String> write(Path output) {
    Path target = output.resolve(FOLDER);
    Path staging = output.resolve("." + FOLDER + "." + UUID.randomUUID() + ".part");
    Map<String, String> hashes = new LinkedHashMap<>();
    try {
      Files.createDirectories(output);
      Files.createDirectory(staging);
      for (Map.Entry<String, Table> e : files.entrySet()) {
        Path file = staging.resolve(e.getKey());
        Files.createDirectories(file.getParent());
        hashes.put(FOLDER + "/" + e.getKey(), writeCsv(e.getValue(), file));
      }
      Path old = null;
      if (Files.exists(target)) {
        old = output.resolve("." + FOLDER + "." + UUID.randomUUID() + ".old");
        Files.move(target, old);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        deleteTree(old);
      }
      return hashes;
    } catch (IOException e) {
      throw AtomicFile.cannotWrite(target, e);
    } finally {
      try {
        deleteTree(staging);
      } catch (IOException ignored) {
        // left behind as a hidden .part folder; nothing else to do
      }
    }
  }

  private static String writeCsv(Table table, Path file) throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      Csv.write(table, w);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The paths, in order. */
  public List<String> paths() {
    return List.copyOf(files.keySet());
  }

  /** A table by its path, e.g. {@code train.csv}. */
  public Table get(String path) {
    Table t = files.get(Objects.requireNonNull(path, "path"));
    if (t == null) {
      throw new IllegalArgumentException("no dataset " + path + " among " + files.keySet());
    }
    return t;
  }
}
