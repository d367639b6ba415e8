package dev.gauntlet.scenario.report;

import dev.gauntlet.scenario.ScenarioResult;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One file a run writes into its output folder. report.json, junit.xml and manifest.json are built
 * in; the HTML report plugs in as another one ({@link ReportFiles#write} takes extras).
 */
public interface OutputFile {

  /** The file's name inside the output folder, e.g. {@code report.html}. */
  String fileName();

  /** Writes the file's bytes; the stream is closed by the caller. */
  void write(ScenarioResult result, RunInfo info, OutputStream out) throws IOException;
}
