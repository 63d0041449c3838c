package io.strand.streams;

/**
 * Combines the values of two joined records into the value of the result, as Kafka Streams'
 * {@code ValueJoiner}. In a left or outer join one side may be missing: its argument is then
 * {@code null}.
 *
 * <p>Threading: called from the task's thread, one pair at a time; one instance is shared by the
 * tasks of a container, so keep it stateless.
 *
 * @param <V1> this stream's value type
 * @param <V2> the other stream's value type
 * @param <VR> the result's value type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {

  /**
   * Joins two values.
   *
   * @param value1 this stream's value, or null when it has no match (outer join)
   * @param value2 the other stream's value, or null when it has no match (left and outer joins)
   * @return the joined value
   */
  VR apply(V1 value1, V2 value2);
}
