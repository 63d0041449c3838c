package io.strand.serializers;

import io.strand.config.Config;

/**
 * Makes a {@link LongSerde} (8 bytes, big-endian), registered as {@code "long"}. Reads no settings. Thread-safe; keeps no state.
 */
public final class LongSerdeFactory implements SerdeFactory<Long> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public LongSerdeFactory() {
  }

  @Override
  public Serde<Long> getSerde(String name, Config config) {
    return new LongSerde(name);
  }
}
