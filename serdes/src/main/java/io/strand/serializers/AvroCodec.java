package io.strand.serializers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Writes and reads one framing of Avro binary data for an {@link AvroSerde}; failures to write are
 * reported by the serde around it, failures to read are {@link SerdeException}s thrown here.
 *
 * <p>Implementations are thread-safe.
 *
 * @param <T> the object type
 */
interface AvroCodec<T> {
  /** How many leading bytes of a bad payload an error shows. */
  int SHOWN_BYTES = 12;

  void write(T object, ByteArrayOutputStream out) throws IOException;

  T read(byte[] bytes);

  /**
   * The first bytes of a payload in hex, for errors about its framing.
   *
   * @param bytes the payload
   * @return for example {@code C3 01 8F 1C ...}, or {@code none (empty payload)}
   */
  static String firstBytes(byte[] bytes) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(bytes.length, SHOWN_BYTES); i++) {
      hex.append(i == 0 ? "" : " ").append(String.format("%02X", bytes[i]));
    }
    return (bytes.length == 0 ? "none (empty payload)" : hex) + (bytes.length > SHOWN_BYTES ? " ..." : "");
  }

  /**
   * A failure's message with those of its causes: Avro wraps the reason ("Decoding datum failed"),
   * the messages down the chain say what failed.
   *
   * @param e the failure
   * @return the messages, joined by {@code ": "}
   */
  static String causes(Throwable e) {
    StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      why.append(": ").append(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName());
    }
    return why.toString();
  }
}
