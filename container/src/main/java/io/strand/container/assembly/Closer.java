package io.strand.container.assembly;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what the container opened, in reverse order of opening (so stop mirrors start), each
 * step isolated so one failure does not leak the rest.
 *
 * <p>Threading: the container's thread only.
 */
final class Closer {

  private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

  private final Deque<Step> steps = new ArrayDeque<>();
  private final String who;

  private record Step(String what, AutoCloseable closeable) { }

  Closer(String who) {
    this.who = who;
  }

  <T extends AutoCloseable> T add(String what, T closeable) {
    steps.push(new Step(what, closeable));
    return closeable;
  }

  void onClose(String what, Runnable close) {
    steps.push(new Step(what, close::run));
  }

  void closeAll() {
    while (!steps.isEmpty()) {
      Step s = steps.pop();
      try {
        s.closeable().close();
      } catch (Exception | LinkageError e) {
        LOG.warn("{}: closing the {} failed: {}", who, s.what(), e.toString());
      }
    }
  }
}
