package io.strand.metrics;

/**
 * A value a job sets and the container reports, as Samza's {@code Gauge}: the last value set (a
 * queue's length, the newest event time seen). Made by {@link MetricsRegistry#newGauge}. Numbers are
 * reported as their value (in JMX a gauge's {@code Value}), booleans as 1 and 0, anything else (and
 * null) as NaN.
 *
 * <p>Threading: thread-safe; the value is held in an atomic reference, so a reporter on another
 * thread sees the last value set.
 *
 * @param <T> the value type
 */
public interface Gauge<T> {

  /**
   * Sets the value.
   *
   * @param value the new value; may be null
   * @return the value before
   */
  T set(T value);

  /**
   * Sets the value only if it is still {@code expected} (compared by identity, as
   * {@code AtomicReference.compareAndSet}).
   *
   * @param expected the value the gauge must hold
   * @param value the new value
   * @return true if the value was set
   */
  boolean compareAndSet(T expected, T value);

  /**
   * The value now.
   *
   * @return the last value set, or the initial value
   */
  T getValue();

  /**
   * The name it was registered under (without the group).
   *
   * @return the name
   */
  String getName();
}
