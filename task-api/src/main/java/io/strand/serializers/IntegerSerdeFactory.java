package io.strand.serializers;

import io.strand.config.Config;

/**
 * Makes an {@link IntegerSerde} (4 bytes, big-endian), registered as {@code "integer"}. Reads no settings. Thread-safe; keeps no state.
 */
public final class IntegerSerdeFactory implements SerdeFactory<Integer> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public IntegerSerdeFactory() {
  }

  @Override
  public Serde<Integer> getSerde(String name, Config config) {
    return new IntegerSerde(name);
  }
}
