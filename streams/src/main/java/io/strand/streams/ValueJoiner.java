package io.strand.streams;

/**
 * Combines the values of two joined records into the result's value, as Kafka Streams'
 * {@code ValueJoiner}. In a left or outer join the missing side is {@code null}, never a crash:
 * handle it in the joiner.
 *
 * <p>Threading: called from the task's thread, one pair at a time; shared by the tasks of a
 * container (keep it stateless).
 *
 * @param <V1> the left (calling) side's value type
 * @param <V2> the right (other) side's value type
 * @param <VR> the result type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, VR> {

  /**
   * Joins two values.
   *
   * @param value1 the left value, or null in an outer join where only the right side has the key
   * @param value2 the right value, or null in a left or outer join where the right side lacks the key
   * @return the joined value; null makes a table join's result a delete (tombstone)
   */
  VR apply(V1 value1, V2 value2);
}
