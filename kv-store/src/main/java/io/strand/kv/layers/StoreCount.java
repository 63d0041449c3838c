package io.strand.kv.layers;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count kept by one writer thread and read by any: the store's layers add to it on every
 * operation, so it must cost no more than a field update (a Micrometer {@code Counter} on the JMX
 * registry is a Dropwizard meter, whose per-call rate bookkeeping cost a quarter of a stateful
 * task's time), and {@link StoreMetrics} exposes it as a {@code FunctionCounter}.
 *
 * <p>Threading: one writer at a time (the store's task thread, or the restore thread before it
 * hands the store over through a future, which orders the writes). Writes are opaque, so a reader
 * on another thread sees a whole value, possibly a little stale, never a torn one.
 */
final class StoreCount {
  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(StoreCount.class, "value", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @SuppressWarnings("unused") // through VALUE
  private long value;

  /** Adds one. */
  void increment() {
    VALUE.setOpaque(this, value + 1);
  }

  /**
   * Adds to the count.
   *
   * @param n the amount, not negative
   */
  void add(long n) {
    VALUE.setOpaque(this, value + n);
  }

  /**
   * The count, from any thread.
   *
   * @return the count
   */
  double read() {
    return (long) VALUE.getOpaque(this);
  }
}
