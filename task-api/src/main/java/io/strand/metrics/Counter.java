package io.strand.metrics;

/**
 * A count a job keeps, as Samza's {@code Counter}: it can be incremented, decremented and set, so
 * it may also go down (a number of open sessions, say). Reported as its current value (in JMX a
 * gauge's {@code Value}), tagged as its {@link MetricsRegistry} says. Made by
 * {@link MetricsRegistry#newCounter}.
 *
 * <p>Threading: thread-safe; every method is one atomic operation on a {@code long}.
 */
public interface Counter {

  /**
   * Adds one.
   *
   * @return the count after the increment
   */
  long inc();

  /**
   * Adds {@code n}.
   *
   * @param n the amount; may be negative
   * @return the count after the increment
   */
  long inc(long n);

  /**
   * Subtracts one.
   *
   * @return the count after the decrement
   */
  long dec();

  /**
   * Subtracts {@code n}.
   *
   * @param n the amount; may be negative
   * @return the count after the decrement
   */
  long dec(long n);

  /**
   * Sets the count.
   *
   * @param n the new count
   */
  void set(long n);

  /** Sets the count to 0. */
  void clear();

  /**
   * The count now.
   *
   * @return the count
   */
  long getCount();

  /**
   * The name it was registered under (without the group).
   *
   * @return the name
   */
  String getName();
}
