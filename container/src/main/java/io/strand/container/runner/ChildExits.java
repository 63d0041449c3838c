package io.strand.container.runner;

/**
 * What a container child's exit code means, and waiting for it. The JDK reports a child killed
 * by signal n as exit code 128 + n, as shells do.
 */
final class ChildExits {

  private static final int SIGINT = 2;
  private static final int SIGTERM = 15;

  private ChildExits() {}

  /**
   * Whether the child stopped on SIGINT or SIGTERM: a graceful stop someone asked for (Ctrl-C in a
   * terminal, or {@code kill}), as opposed to a crash or SIGKILL.
   */
  static boolean stoppedBySignal(int code) {
    return code == 128 + SIGINT || code == 128 + SIGTERM;
  }

  /** The exit for a log line, e.g. "was killed by signal 9 (exit code 137)". */
  static String describe(int code) {
    return code > 128 && code < 160 ? "was killed by signal " + (code - 128) + " (exit code " + code + ")"
        : "exited with code " + code;
  }

  /**
   * Waits for the child to exit, even when interrupted; the interrupt is restored afterwards so
   * a supervisor never abandons a child it still owns.
   */
  static int waitUninterruptibly(Process process) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
