package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.view.SerializerConfig;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Optional;

/**
 * Makes a {@link StringSerde}, registered as {@code "string"}. Reads
 * {@code serializers.registry.<name>.encoding} (default {@code UTF-8}), the key Samza's string
 * serde reads. Thread-safe; keeps no state.
 */
public final class StringSerdeFactory implements SerdeFactory<String> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public StringSerdeFactory() {
  }

  /**
   * {@inheritDoc}
   *
   * @throws io.strand.config.ConfigException if the encoding is not a charset this JVM knows
   */
  @Override
  public Serde<String> getSerde(String name, Config config) {
    String key = SerializerConfig.registryPrefix(name) + "encoding";
    Optional<String> encoding = config.get(key).map(String::trim).filter(s -> !s.isEmpty());
    if (encoding.isEmpty()) {
      return new StringSerde(StandardCharsets.UTF_8);
    }
    try {
      return new StringSerde(Charset.forName(encoding.get()));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw config.problem(key, "'" + encoding.get() + "' is not a charset this JVM supports; use for example UTF-8");
    }
  }
}
