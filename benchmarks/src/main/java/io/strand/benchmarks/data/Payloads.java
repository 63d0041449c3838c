package io.strand.benchmarks.data;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The byte layouts every workload shares, so the three engines do the same work on the same bytes.
 *
 * <ul>
 *   <li>key: the key id as an 8-byte big-endian long (Strand's {@code long} serde, Kafka's
 *       {@code LongSerializer});</li>
 *   <li>input value: {@code valueBytes} bytes whose first 8 hold the produce time in epoch
 *       microseconds (0 for the preloaded throughput input);</li>
 *   <li>count output: {@code [origin micros][count]} (16 bytes); windowed output:
 *       {@code [origin micros][window start ms][count]} (24 bytes); a passthrough copies the input
 *       value. The first 8 bytes of every output are therefore the origin's produce time, which the
 *       latency probe reads. (Strand's envelopes carry no record headers, so the produce time travels
 *       in the value rather than in a header.)</li>
 * </ul>
 *
 * <p>Threading: stateless.
 */
public final class Payloads {

  /** Bytes of a key. */
  public static final int KEY_BYTES = Long.BYTES;

  private Payloads() {
  }

  /**
   * @param keyId the key id
   * @return its 8-byte big-endian encoding
   */
  public static byte[] key(long keyId) {
    return ByteBuffer.allocate(KEY_BYTES).putLong(keyId).array();
  }

  /**
   * @param key an 8-byte key
   * @return its key id
   */
  public static long keyId(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  /**
   * @param valueBytes total value size in bytes (at least 8)
   * @param originMicros produce time in epoch microseconds, or 0
   * @return a value of that size, stamped, the rest a fixed filler
   */
  public static byte[] value(int valueBytes, long originMicros) {
    byte[] v = new byte[valueBytes];
    for (int i = Long.BYTES; i < valueBytes; i++) {
      v[i] = (byte) ('a' + i % 26);
    }
    ByteBuffer.wrap(v).putLong(0, originMicros);
    return v;
  }

  /**
   * @param value any input or output value of the benchmark
   * @return the origin produce time it carries, in epoch microseconds
   */
  public static long originMicros(byte[] value) {
    return ByteBuffer.wrap(value).getLong(0);
  }

  /**
   * @param origin the input value the count was updated by
   * @param count the count after the update
   * @return {@code [origin micros][count]}
   */
  public static byte[] countOutput(byte[] origin, long count) {
    return ByteBuffer.allocate(16).putLong(originMicros(origin)).putLong(count).array();
  }

  /**
   * @param origin the input value the count was updated by
   * @param windowStartMs start of the tumbling window, epoch ms
   * @param count the window's count after the update
   * @return {@code [origin micros][window start][count]}
   */
  public static byte[] windowOutput(byte[] origin, long windowStartMs, long count) {
    return ByteBuffer.allocate(24).putLong(originMicros(origin)).putLong(windowStartMs).putLong(count).array();
  }

  /** @param output a count output value
   *  @return the count it carries */
  public static long count(byte[] output) {
    return ByteBuffer.wrap(output).getLong(8);
  }

  /** @param output a windowed output value
   *  @return the window start it carries, epoch ms */
  public static long windowStart(byte[] output) {
    return ByteBuffer.wrap(output).getLong(8);
  }

  /** @param output a windowed output value
   *  @return the count it carries */
  public static long windowCount(byte[] output) {
    return ByteBuffer.wrap(output).getLong(16);
  }

  /** @return the wall clock in epoch microseconds (comparable across JVMs on this host) */
  public static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /**
   * @param timestampMs an event time, epoch ms
   * @param windowMs the tumbling window size, ms
   * @return the start of the window holding it
   */
  public static long windowStart(long timestampMs, long windowMs) {
    return timestampMs - Math.floorMod(timestampMs, windowMs);
  }
}
