package dev.gauntlet.scenario.report;

import java.util.Map;

/**
 * What the output files say about the run beyond its result.
 *
 * @param scenarioSha256 the SHA-256 of the scenario file, or of the spec's JSON for a spec built in
 *     Java
 * @param scenarioFile the scenario file's name (no folder), or null for a spec built in Java
 * @param threads the threads the run used
 */
public record RunInfo(String scenarioSha256, String scenarioFile, int threads) {
  /** The information of a run of a scenario file, whose SHA-256 it computes. */
  public static RunInfo ofFile(java.nio.file.Path scenario, int threads) {
    return new RunInfo(
        dev.gauntlet.scenario.internal.Engine.sha256(scenario),
        scenario.getFileName().toString(),
        threads);
  }

  /** The versions the manifest records: Gauntlet's, Java's, the JVM's and the OS's. */
  public static Map<String, String> versions() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("gauntlet", ReportFiles.version());
    out.put("java", System.getProperty("java.version"));
    out.put(
        "jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    out.put("java_vendor", System.getProperty("java.vendor"));
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    return out;
  }
}
