package dev.gauntlet.spi;

/**
 * Where long work (training a generator, writing millions of rows) says how far it has come. The
 * caller decides how to show it: the CLI draws a bar on a terminal and prints a line now and then
 * elsewhere; tests and libraries pass {@link #NONE}.
 */
@FunctionalInterface
public interface Progress {

  /** Reports nothing. */
  Progress NONE = (task, done, total, detail) -> {};

  /**
   * {@code done} of {@code total} units of {@code task} are finished.
   *
   * @param task what is being done, e.g. {@code "vae training"}; a new name starts a new task
   * @param done units finished, from 0 to {@code total}; {@code done == total} ends the task
   * @param total units in all (epochs, rows)
   * @param detail a short status for the end of the line, e.g. {@code "loss 3.2104"}, or ""
   */
  void update(String task, long done, long total, String detail);
}
