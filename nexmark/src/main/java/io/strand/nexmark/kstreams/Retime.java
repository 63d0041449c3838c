package io.strand.nexmark.kstreams;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Sets each record's timestamp from its value (e.g. a window result's window start), so the
 * records a task writes to an {@link Exchange} are in timestamp order; a window aggregation's
 * results otherwise carry the latest event time of their window, which is not monotonic across
 * keys.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Retime<K, V> implements FixedKeyProcessor<K, V, V> {

  private final ToLongFunction<V> time;
  private FixedKeyProcessorContext<K, V> context;

  /**
   * A processor.
   *
   * @param time the new timestamp of a value, ms
   */
  Retime(ToLongFunction<V> time) {
    this.time = time;
  }

  @Override
  public void init(FixedKeyProcessorContext<K, V> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<K, V> record) {
    context.forward(record.withTimestamp(time.applyAsLong(record.value())));
  }
}
