package io.strand.container.progress;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints a job's progress while it runs (see {@link ProgressLine} for the text): it reads the
 * progress every {@value #READ_INTERVAL_MS} ms; on a terminal it rewrites one line in place at each
 * reading, otherwise it prints a plain line every {@value #LINES_INTERVAL_MS} ms while something moves. {@link #close()} prints the summary. A job
 * whose runner cannot tell its progress (its containers are other processes) prints nothing.
 *
 * <p>Threading: one daemon thread reads the source and prints; {@link #close()} from any thread, once.
 */
public final class ProgressPrinter implements AutoCloseable {

  /** Interval between readings of the progress, and refreshes of the in-place line on a terminal, in ms. */
  public static final long READ_INTERVAL_MS = 500;
  /** Interval between plain lines when the output is not a terminal, in ms. */
  public static final long LINES_INTERVAL_MS = 10_000;

  /** How progress is shown. */
  public enum Mode {
    /** {@link #TERMINAL} on a terminal; else {@link #LINES} for bounded inputs, {@link #OFF} for unbounded ones. */
    AUTO,
    /** One line updated in place. */
    TERMINAL,
    /** Plain periodic lines. */
    LINES,
    /** Nothing. */
    OFF;

    /**
     * A mode from a command line.
     *
     * @param text {@code auto}, {@code terminal}, {@code lines} or {@code off}, in any case
     * @return the mode
     * @throws IllegalArgumentException naming the allowed values when {@code text} is none of them
     */
    public static Mode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--progress must be auto, terminal, lines or off; got '" + text + "'", e);
      }
    }

    /**
     * The mode to use.
     *
     * @param bounded whether every input of the job is bounded
     * @return this mode, or for {@link #AUTO} the one that fits the console and the job
     */
    public Mode resolve(boolean bounded) {
      if (this != AUTO) {
        return this;
      }
      return isTerminal() ? TERMINAL : bounded ? LINES : OFF;
    }
  }

  private final Supplier<Optional<JobProgress>> source;
  private final PrintStream out;
  private final Mode mode;
  private final ProgressLine line;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private final long startNanos = System.nanoTime();
  private boolean shown;
  private long lastPrintedProcessed = -1;
  private long lastPrintedRestored = -1;
  private long lastLineMs;

  private ProgressPrinter(Supplier<Optional<JobProgress>> source, PrintStream out, Mode mode, boolean bounded) {
    this.source = source;
    this.out = out;
    this.mode = mode;
    this.line = new ProgressLine(bounded);
    this.thread = new Thread(this::loop, "strand-progress");
    this.thread.setDaemon(true);
  }

  /**
   * Starts printing.
   *
   * @param source the job's progress now; empty when its runner cannot tell
   * @param out where to print (the console's standard output)
   * @param mode how; {@link Mode#AUTO} is resolved here
   * @param bounded whether every input is bounded: an ETA is shown, and {@link Mode#AUTO} prints lines
   *     when the output is not a terminal
   * @return the printer; close it when the job has ended
   */
  public static ProgressPrinter start(Supplier<Optional<JobProgress>> source, PrintStream out, Mode mode,
      boolean bounded) {
    ProgressPrinter printer = new ProgressPrinter(source, out, mode.resolve(bounded), bounded);
    if (printer.mode != Mode.OFF) {
      printer.thread.start();
    }
    return printer;
  }

  private void loop() {
    try {
      while (!stop.await(READ_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
        Optional<JobProgress> p = source.get();
        if (p.isEmpty()) {
          return;
        }
        String text = line.update(nowMs(), p.get());
        if (text != null) {
          print(text, p.get());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Progress is a convenience: a failure to read it must not disturb the job or its output.
    }
  }

  private synchronized void print(String text, JobProgress p) {
    if (mode == Mode.TERMINAL) {
      // Erase the line, write, and leave the cursor at its start: a log line written meanwhile
      // overwrites it instead of being glued to it.
      out.print("\r\033[K" + clip(text) + "\r");
      out.flush();
      shown = true;
    } else if (nowMs() - lastLineMs >= LINES_INTERVAL_MS
        && (p.processedRecords() != lastPrintedProcessed || p.restoredRecords() != lastPrintedRestored)) {
      out.println(text);
      out.flush();
      lastLineMs = nowMs();
      lastPrintedProcessed = p.processedRecords();
      lastPrintedRestored = p.restoredRecords();
    }
  }

  /** Stops the thread and prints the summary line (nothing when the mode is off or the runner cannot tell). */
  @Override
  public void close() {
    if (mode == Mode.OFF) {
      return;
    }
    stop.countDown();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Optional<JobProgress> last;
    try {
      last = source.get();
    } catch (RuntimeException e) {
      last = Optional.empty();
    }
    synchronized (this) {
      last.ifPresent(p -> line.update(nowMs(), p));
      String summary = last.isPresent() ? line.summary(nowMs()) : null;
      if (mode == Mode.TERMINAL && shown) {
        out.print("\r\033[K");
      }
      if (summary != null) {
        out.println(summary);
      }
      out.flush();
    }
  }

  private long nowMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  // A line longer than the terminal wraps, and the carriage return then rewrites only its last row.
  private static String clip(String text) {
    int width = 80;
    try {
      String columns = System.getenv("COLUMNS");
      if (columns != null) {
        width = Integer.parseInt(columns.trim());
      }
    } catch (NumberFormatException e) {
      // keep 80
    }
    return text.length() < width ? text : text.substring(0, Math.max(1, width - 1));
  }

  /**
   * Whether standard input and output are a terminal (and not a dumb one).
   *
   * @return true for an interactive terminal
   */
  static boolean isTerminal() {
    Console console = System.console();
    if (console == null || "dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    // From JDK 22 System.console() is non-null even when redirected; Console.isTerminal() tells.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
