package io.strand.metrics;

/**
 * Where a job makes its own meters, as Samza's {@code MetricsRegistry}. A task's registry
 * ({@code TaskContext.getTaskMetricsRegistry()}) tags every meter with the job, the container and
 * the task; the container's ({@code ContainerContext.getContainerMetricsRegistry()}) with the job
 * and the container. Either also tags it with the {@code group} given here, by Samza's convention
 * the class that defines the meter ({@code getClass().getName()}).
 *
 * <p>A meter is identified by its group and name within one registry: asking again for the same
 * kind of meter under the same group and name returns the meter made the first time (with its
 * value so far; a gauge's new initial value is ignored), so a task may look its meters up in
 * {@code init} or later, as often as it likes. Asking for a different kind of meter under a group
 * and name already taken is an error.
 *
 * <p>A task's meters live as long as the task: they are removed from the container's reporting
 * when the task ends. A meter kept and updated after that is harmless but no longer reported.
 *
 * <p>Threading: thread-safe. A task's registry is normally used from its task's thread (in
 * {@code init}); the container's is shared by the container's tasks, which may run on several
 * threads ({@code job.container.thread.pool.size}). The meters themselves are thread-safe.
 */
public interface MetricsRegistry {

  /**
   * The counter of a group and name, made on first use with the count 0.
   *
   * @param group the group, by convention the defining class's name; not blank
   * @param name the counter's name within the group; not blank
   * @return the counter; the same one on every call with this group and name
   * @throws IllegalArgumentException if group or name is null or blank, or if a gauge or timer is
   *     already registered under this group and name
   */
  Counter newCounter(String group, String name);

  /**
   * The gauge of a group and name, made on first use with the given value.
   *
   * @param group the group, by convention the defining class's name; not blank
   * @param name the gauge's name within the group; not blank
   * @param initial the value until the first {@link Gauge#set}; may be null; ignored if the gauge
   *     already exists
   * @param <T> the value type; numbers (and booleans, as 1 and 0) are reported as their value,
   *     anything else is reported as NaN, though {@link Gauge#getValue()} returns it as set
   * @return the gauge; the same one on every call with this group and name
   * @throws IllegalArgumentException if group or name is null or blank, or if a counter or timer
   *     is already registered under this group and name
   */
  <T> Gauge<T> newGauge(String group, String name, T initial);

  /**
   * The timer of a group and name, made on first use with no durations recorded.
   *
   * @param group the group, by convention the defining class's name; not blank
   * @param name the timer's name within the group; not blank
   * @return the timer; the same one on every call with this group and name
   * @throws IllegalArgumentException if group or name is null or blank, or if a counter or gauge
   *     is already registered under this group and name
   */
  Timer newTimer(String group, String name);
}
