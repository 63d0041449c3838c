package io.strand.serializers;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A {@code String} in a fixed charset, UTF-8 unless configured otherwise. As in Samza and Kafka,
 * bytes that are not valid in the charset decode to replacement characters rather than failing.
 * Null maps to null. Thread-safe.
 */
public final class StringSerde implements Serde<String> {
  private final Charset charset;

  /** Creates a UTF-8 one. */
  public StringSerde() {
    this(StandardCharsets.UTF_8);
  }

  /**
   * Creates one for a charset.
   *
   * @param charset the charset
   */
  public StringSerde(Charset charset) {
    this.charset = charset;
  }

  /**
   * Creates one for a charset named as Samza's {@code StringSerde(String encoding)} takes it.
   *
   * @param encoding the charset name, for example {@code UTF-8}
   * @throws java.nio.charset.UnsupportedCharsetException if the JVM has no such charset
   */
  public StringSerde(String encoding) {
    this(Charset.forName(encoding));
  }

  /**
   * The charset strings are written in.
   *
   * @return the charset
   */
  public Charset charset() {
    return charset;
  }

  @Override
  public byte[] toBytes(String object) {
    return object == null ? null : object.getBytes(charset);
  }

  @Override
  public String fromBytes(byte[] bytes) {
    return bytes == null ? null : new String(bytes, charset);
  }
}
