package io.strand.serializers;

import io.strand.config.Config;

/**
 * Makes a {@link ByteSerde} (pass-through), registered as {@code "bytes"}. Reads no settings. Thread-safe; keeps no state.
 */
public final class ByteSerdeFactory implements SerdeFactory<byte[]> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public ByteSerdeFactory() {
  }

  @Override
  public Serde<byte[]> getSerde(String name, Config config) {
    return new ByteSerde();
  }
}
