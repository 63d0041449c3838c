package io.strand.streams;

import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;

/**
 * What a {@link Processor} can use.
 *
 * @param <KR> the output key type
 * @param <VR> the output value type
 */
public interface ProcessorContext<KR, VR> {

  /**
   * Sends a record to the next operators, with the current record's event time (or the watermark,
   * from {@link Processor#onWatermark}).
   *
   * @param key the key
   * @param value the value
   */
  void forward(KR key, VR value);

  /**
   * A store the processor named in {@link KStream#process}.
   *
   * @param name the store name
   * @param <K> the key type
   * @param <V> the value type
   * @return the task's instance of the store
   * @throws IllegalArgumentException if the processor did not name the store
   */
  <K, V> KeyValueStore<K, V> getStore(String name);

  /**
   * The current record's event time.
   *
   * @return ms since the epoch
   */
  long timestamp();

  /**
   * The task's watermark.
   *
   * @return ms since the epoch; {@code Long.MIN_VALUE} before any
   */
  long watermark();

  /**
   * The task the processor runs in.
   *
   * @return its name, as {@code Partition 3}
   */
  String taskName();

  /**
   * The task's metrics registry.
   *
   * @return the registry
   */
  MetricsRegistry metrics();
}
