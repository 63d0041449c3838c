package io.strand.streams;

/**
 * The result of a windowed stream-stream join ({@link KStream#join}, {@link KStream#leftJoin},
 * {@link KStream#outerJoin}): a stream of joined values like any other, plus the join's late side
 * outputs, the records of either input that arrived after the grace (see {@link JoinWindows}) and
 * were never joined. Each late record is also counted in the task metric
 * {@code streams.<join>-this.late-records} or {@code streams.<join>-other.late-records}; without
 * these calls late records are only counted.
 *
 * @param <K> the key type
 * @param <V> this stream's value type
 * @param <VO> the other stream's value type
 * @param <VR> the joined value type
 */
public interface WindowJoinedKStream<K, V, VO, VR> extends KStream<K, VR> {

  /**
   * This stream's late records, as they arrived, with their event time.
   *
   * @return the side output
   */
  KStream<K, V> lateRecords();

  /**
   * The other stream's late records, as they arrived, with their event time.
   *
   * @return the side output
   */
  KStream<K, VO> otherLateRecords();
}
