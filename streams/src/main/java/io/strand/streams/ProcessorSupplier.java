package io.strand.streams;

/**
 * Makes one {@link Processor} per task.
 *
 * @param <K> the input key type
 * @param <V> the input value type
 * @param <KR> the output key type
 * @param <VR> the output value type
 */
@FunctionalInterface
public interface ProcessorSupplier<K, V, KR, VR> {

  /**
   * A new processor.
   *
   * @return the processor, not shared
   */
  Processor<K, V, KR, VR> get();
}
