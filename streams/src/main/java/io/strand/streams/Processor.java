package io.strand.streams;

/**
 * The low-level operator of {@link KStream#process}, as Kafka Streams' {@code Processor}: one
 * instance per task, called from the task's thread.
 *
 * @param <K> the input key type
 * @param <V> the input value type
 * @param <KR> the output key type
 * @param <VR> the output value type
 */
public interface Processor<K, V, KR, VR> {

  /**
   * Called once before the first record, after the task's stores are restored.
   *
   * @param context the task's stores, forwarding and time
   */
  default void init(ProcessorContext<KR, VR> context) {
  }

  /**
   * Processes one record.
   *
   * @param key the key
   * @param value the value
   */
  void process(K key, V value);

  /**
   * Called when the task's watermark advances.
   *
   * @param watermarkMs the new watermark, ms since the epoch
   */
  default void onWatermark(long watermarkMs) {
  }

  /** Called on a clean shutdown. */
  default void close() {
  }
}
