package io.strand.container.serde;

import io.strand.serializers.Serde;
import io.strand.serializers.SerdeException;
import io.strand.system.SystemStream;
import java.nio.charset.StandardCharsets;

/**
 * The key and message serdes of one stream, resolved once at container start. A missing serde
 * means raw {@code byte[]} passes through, as in Samza when no serde is configured.
 *
 * <p>Threading: immutable; serdes are thread-safe by the {@link Serde} contract.
 *
 * @param stream the stream these serdes belong to, for error messages
 * @param keySerdeName the key serde's registry name, or null when keys pass through as bytes
 * @param keySerde the key serde, or null
 * @param msgSerdeName the message serde's registry name, or null when messages pass through
 * @param msgSerde the message serde, or null
 */
public record SerdePair(SystemStream stream, String keySerdeName, Serde<Object> keySerde, String msgSerdeName,
    Serde<Object> msgSerde) {

  /** The name used in errors for "no serde configured". */
  public static final String NO_SERDE = "(none: byte[] pass-through)";

  /**
   * Deserializes a key.
   *
   * @param bytes the raw key, or null
   * @return the key object; the bytes themselves when no key serde is configured
   * @throws RuntimeException whatever the serde throws (normally {@link SerdeException})
   */
  public Object key(byte[] bytes) {
    return keySerde == null ? bytes : keySerde.fromBytes(bytes);
  }

  /**
   * Deserializes a message.
   *
   * @param bytes the raw message, or null for a tombstone
   * @return the message object; the bytes themselves when no message serde is configured
   * @throws RuntimeException whatever the serde throws (normally {@link SerdeException})
   */
  public Object message(byte[] bytes) {
    return msgSerde == null ? bytes : msgSerde.fromBytes(bytes);
  }

  /**
   * Serializes a key (or a partition key, which uses the key serde).
   *
   * @param key the key, or null
   * @return its bytes, or null for null
   * @throws SerdeException if the serde fails, or if no key serde is configured and the key is
   *     neither {@code byte[]} nor a String (Strings are sent as UTF-8)
   */
  public byte[] keyBytes(Object key) {
    return keySerde != null ? keySerde.toBytes(key) : passThrough(key, "key");
  }

  /**
   * Serializes a message.
   *
   * @param message the message, or null for a tombstone
   * @return its bytes, or null
   * @throws SerdeException if the serde fails, or if no message serde is configured and the
   *     message is neither {@code byte[]} nor a String
   */
  public byte[] messageBytes(Object message) {
    return msgSerde != null ? msgSerde.toBytes(message) : passThrough(message, "message");
  }

  /**
   * The name of the serde that handles keys, for error messages.
   *
   * @return the registry name, or {@link #NO_SERDE}
   */
  public String keySerdeLabel() {
    return keySerdeName == null ? NO_SERDE : keySerdeName;
  }

  /**
   * The name of the serde that handles messages, for error messages.
   *
   * @return the registry name, or {@link #NO_SERDE}
   */
  public String msgSerdeLabel() {
    return msgSerdeName == null ? NO_SERDE : msgSerdeName;
  }

  private byte[] passThrough(Object value, String what) {
    if (value == null || value instanceof byte[]) {
      return (byte[]) value;
    }
    if (value instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    throw new SerdeException(NO_SERDE, SerdeException.NO_PAYLOAD, "the " + what + " for " + stream + " is a "
        + value.getClass().getName() + " but no " + what + " serde is configured for it; set systems."
        + stream.system() + ".streams." + stream.stream() + ".samza." + (what.equals("key") ? "key" : "msg")
        + ".serde (or the system-wide key) or send byte[]", null);
  }
}
