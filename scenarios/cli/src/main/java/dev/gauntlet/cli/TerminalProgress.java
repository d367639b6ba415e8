package dev.gauntlet.cli;

import dev.gauntlet.spi.Progress;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a bar redrawn in place (me.tongfei progressbar) when the command runs in a
 * terminal, else a plain line at most every {@link #LINE_INTERVAL_NANOS} and when a task ends, so
 * CI logs stay short. Stdout is never touched.
 */
final class TerminalProgress implements Progress {
  static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintWriter err;
  private final boolean interactive;
  private String task;
  private ProgressBar bar;
  private long lastLine;

  private TerminalProgress(PrintWriter err, boolean interactive) {
    this.err = err;
    this.interactive = interactive;
  }

  /**
   * A bar on the process's stderr when a terminal is attached (and TERM is not "dumb"), else
   * periodic lines on {@code err}.
   */
  static TerminalProgress of(PrintWriter err) {
    String term = System.getenv("TERM");
    boolean terminal = System.console() != null && term != null && !term.equals("dumb");
    return new TerminalProgress(err, terminal);
  }

  @Override
  public synchronized void update(String name, long done, long total, String detail) {
    boolean newTask = !name.equals(task);
    if (newTask) {
      finish();
      task = name;
      lastLine = System.nanoTime();
      if (interactive) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .build();
      }
    }
    if (interactive) {
      bar.maxHint(total);
      bar.stepTo(done);
      bar.setExtraMessage(detail.isEmpty() ? "" : " " + detail);
    } else {
      long now = System.nanoTime();
      if (done >= total || now - lastLine >= LINE_INTERVAL_NANOS) {
        lastLine = now;
        err.printf(
            Locale.ROOT,
            "%s: %,d of %,d (%.0f%%)%s%n",
            name,
            done,
            total,
            total == 0 ? 100.0 : 100.0 * done / total,
            detail.isEmpty() ? "" : ", " + detail);
        err.flush();
      }
    }
    if (done >= total) {
      finish();
    }
  }

  /** Ends the current bar, if any, leaving the terminal on a fresh line. */
  synchronized void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    task = null;
  }
}
