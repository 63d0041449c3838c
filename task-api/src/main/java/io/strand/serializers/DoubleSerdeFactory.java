package io.strand.serializers;

import io.strand.config.Config;

/**
 * Makes a {@link DoubleSerde} (8-byte IEEE 754, big-endian), registered as {@code "double"}. Reads no settings. Thread-safe; keeps no state.
 */
public final class DoubleSerdeFactory implements SerdeFactory<Double> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public DoubleSerdeFactory() {
  }

  @Override
  public Serde<Double> getSerde(String name, Config config) {
    return new DoubleSerde(name);
  }
}
