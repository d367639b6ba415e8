package dev.gauntlet.cli;

import dev.gauntlet.spi.Progress;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
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
    return of(err, interactive(Terminal.probe(), System.getenv("TERM")));
  }

  /** Progress on {@code err} in the given mode: a bar if {@code interactive}, else lines. */
  static TerminalProgress of(PrintWriter err, boolean interactive) {
    return new TerminalProgress(err, interactive);
  }

  /** Whether to draw a bar: only in a terminal that is not "dumb". */
  static boolean interactive(Terminal terminal, String term) {
    return terminal.attached() && term != null && !term.isEmpty() && !term.equals("dumb");
  }

  /**
   * What the JDK says about the terminal. {@code isTerminal} is {@code Console.isTerminal()} where
   * the JDK has it (22+), else null. From JDK 22 the default console (JLine) makes {@code
   * System.console()} non-null with output redirected, so there only {@code isTerminal()} tells;
   * before 22 a console exists only when the process is attached to a terminal.
   */
  record Terminal(boolean consolePresent, Boolean isTerminal) {

    /** Whether the process runs attached to a terminal. */
    boolean attached() {
      return consolePresent && (isTerminal == null || isTerminal);
    }

    /** Asks the running JDK. */
    static Terminal probe() {
      Console console = System.console();
      if (console == null) {
        return new Terminal(false, null);
      }
      return new Terminal(true, isTerminal(console));
    }

    /** {@code Console.isTerminal()} by reflection (we compile for 17), or null before JDK 22. */
    private static Boolean isTerminal(Console console) {
      Method method;
      try {
        method = Console.class.getMethod("isTerminal");
      } catch (NoSuchMethodException e) {
        return null;
      }
      try {
        return (Boolean) method.invoke(console);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Console.isTerminal() failed", e);
      }
    }
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
