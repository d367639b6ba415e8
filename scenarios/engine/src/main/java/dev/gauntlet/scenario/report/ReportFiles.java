package dev.gauntlet.scenario.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gauntlet.UserInputException;
import dev.gauntlet.expectations.JunitXml;
import dev.gauntlet.internal.AtomicFile;
import dev.gauntlet.scenario.GeneratedDatasets;
import dev.gauntlet.scenario.ScenarioResult;
import dev.gauntlet.scenario.html.HtmlReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes a run's files into its output folder: the datasets it made when the scenario asked for
 * them ({@link GeneratedDatasets#write}), report.json, junit.xml, manifest.json, report.html, then
 * any extra {@link OutputFile}s. Each file is written beside its target and moved into place when
 * complete (the datasets as one folder), so a failure never leaves a half-written one.
 */
public final class ReportFiles {
  public static final String REPORT = "report.json";
  public static final String JUNIT = "junit.xml";
  public static final String MANIFEST = "manifest.json";

  private ReportFiles() {}

  /** The built-in files. */
  public static List<OutputFile> builtIn() {
    return builtIn(Map.of());
  }

  private static List<OutputFile> builtIn(Map<String, String> datasets) {
    return List.of(
        file(REPORT, (r, i, out) -> ReportJson.JSON.writeValue(out, ReportJson.of(r))),
        file(JUNIT, (r, i, out) -> JunitXml.write(r.name(), r.seed(), r.verdicts(), out)),
        file(MANIFEST, (r, i, out) -> ReportJson.JSON.writeValue(out, manifest(r, i, datasets))),
        HtmlReport.file());
  }

  /** Writes the built-in files and {@code extras} into {@code folder} (created if need be). */
  public static List<Path> write(
      ScenarioResult result, RunInfo info, Path folder, List<OutputFile> extras) {
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UserInputException(
          folder.toString(),
          "a folder that cannot be created: " + e.getMessage(),
          "a writable output folder",
          "choose another folder with --out");
    }
    // first, so that the manifest can list them with their hashes
    Map<String, String> datasets =
        result.datasets().isEmpty() ? Map.of() : result.datasets().write(folder);
    List<OutputFile> all = new ArrayList<>(builtIn(datasets));
    all.addAll(extras);
    List<Path> written = new ArrayList<>();
    for (OutputFile f : all) {
      Path target = folder.resolve(f.fileName());
      try (AtomicFile file = AtomicFile.open(target)) {
        try (OutputStream out = Files.newOutputStream(file.temp())) {
          f.write(result, info, out);
        } catch (IOException e) {
          throw AtomicFile.cannotWrite(target, e);
        }
        file.commit();
      }
      written.add(target);
    }
    return written;
  }

  /**
   * manifest.json: {@code format} {@code gauntlet-manifest}, {@code version} 1: the seed, the
   * SHA-256 of the scenario and of each input (by its path relative to the scenario's folder), the
   * versions of Gauntlet, Java, the JVM and the OS, the thread count, and the timings.
   */
  public static ObjectNode manifest(ScenarioResult r, RunInfo info) {
    return manifest(r, info, Map.of());
  }

  /**
   * The manifest, with {@code datasets}: the SHA-256 of each dataset file written, by its path
   * relative to the output folder (left out when there are none).
   */
  public static ObjectNode manifest(ScenarioResult r, RunInfo info, Map<String, String> datasets) {
    ObjectNode root = ReportJson.JSON.createObjectNode();
    root.put("format", "gauntlet-manifest");
    root.put("version", 1);
    root.put("scenario", r.name());
    if (info.scenarioFile() != null) {
      root.put("scenario_file", info.scenarioFile());
    }
    root.put("scenario_sha256", info.scenarioSha256());
    root.put("seed", r.seed());
    ObjectNode inputs = root.putObject("inputs");
    r.inputs().forEach(inputs::put);
    ObjectNode versions = root.putObject("versions");
    RunInfo.versions().forEach(versions::put);
    root.put("threads", info.threads());
    if (!datasets.isEmpty()) {
      ObjectNode files = root.putObject("datasets");
      datasets.forEach(files::put);
    }
    root.set("timings", ReportJson.of(r).get("timings"));
    return root;
  }

  /**
   * Writes what {@code gauntlet generate --scenario} makes into {@code folder}: the datasets
   * ({@link GeneratedDatasets#write}), then manifest.json ({@code format} {@code
   * gauntlet-manifest}, {@code version} 1, with the scenario's name and SHA-256, the seed, the
   * versions, the threads and the SHA-256 of each dataset; no timings and no report).
   *
   * @return the SHA-256 of each dataset file, by its path relative to {@code folder}
   */
  public static Map<String, String> writeGenerated(
      GeneratedDatasets datasets, String scenario, long seed, RunInfo info, Path folder) {
    Map<String, String> hashes = datasets.write(folder);
    ObjectNode root = ReportJson.JSON.createObjectNode();
    root.put("format", "gauntlet-manifest");
    root.put("version", 1);
    root.put("scenario", scenario);
    if (info.scenarioFile() != null) {
      root.put("scenario_file", info.scenarioFile());
    }
    root.put("scenario_sha256", info.scenarioSha256());
    root.put("seed", seed);
    ObjectNode versions = root.putObject("versions");
    RunInfo.versions().forEach(versions::put);
    root.put("threads", info.threads());
    ObjectNode files = root.putObject("datasets");
    hashes.forEach(files::put);
    Path target = folder.resolve(MANIFEST);
    try (AtomicFile file = AtomicFile.open(target)) {
      try (OutputStream out = Files.newOutputStream(file.temp())) {
        ReportJson.JSON.writeValue(out, root);
      } catch (IOException e) {
        throw AtomicFile.cannotWrite(target, e);
      }
      file.commit();
    }
    return hashes;
  }

  /** Gauntlet's version, as the build wrote it. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = ReportFiles.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p.getProperty("version", "(unknown version)");
  }

  private interface Writer {
    void write(ScenarioResult r, RunInfo info, OutputStream out) throws IOException;
  }

  private static OutputFile file(String name, Writer writer) {
    return new OutputFile() {
      @Override
      public String fileName() {
        return name;
      }

      @Override
      public void write(ScenarioResult result, RunInfo info, OutputStream out) throws IOException {
        writer.write(result, info, out);
      }
    };
  }
}
