package io.strand.benchmarks.data;

import java.nio.ByteBuffer;

/**
 * The topics and byte layouts of the join workloads, shared by every engine so they do the same
 * work on the same bytes.
 *
 * <ul>
 *   <li>table record ({@value #TABLE}): key id to {@value #TABLE_VALUE_BYTES} bytes whose first 8
 *       hold the key's attribute, {@link #attribute(long)};</li>
 *   <li>enriched output: {@code [origin micros of the stream record][attribute]} (16 bytes);</li>
 *   <li>join input value ({@value #LEFT}, {@value #RIGHT}): {@code valueBytes} bytes, the first 8
 *       the origin micros (0), the next 8 the record's event time, so that a pair names its two
 *       records;</li>
 *   <li>joined output: {@code [left event time][right event time]} (16 bytes).</li>
 * </ul>
 *
 * <p>Threading: stateless.
 */
public final class JoinPayloads {

  /** The compacted table topic of the enrichment: one record per key id of the key space. */
  public static final String TABLE = "bench-table";
  /** The join's left input. */
  public static final String LEFT = "bench-join-left";
  /** The join's right input, co-partitioned with {@link #LEFT}. */
  public static final String RIGHT = "bench-join-right";
  /** Bytes of a table value. */
  public static final int TABLE_VALUE_BYTES = 64;
  /**
   * Join window, ms, before and after: a left record at {@code t} meets right records of its key
   * at {@code [t - 50, t + 50]}. At the default density (10 records per key per second per side)
   * that is about one match per record, so the join's cost is buffering and lookups, not output.
   */
  public static final long WINDOW_MS = 50;
  /** Grace of the join window, ms: records more than this behind the stream time are late. */
  public static final long GRACE_MS = 1_000;

  private JoinPayloads() {
  }

  /** @param keyId a key id
   *  @return its attribute in the table (a fixed function of the id, so a check can recompute it) */
  public static long attribute(long keyId) {
    return keyId * 1_000_003L + 17;
  }

  /** @param keyId a key id
   *  @return its table value */
  public static byte[] tableValue(long keyId) {
    byte[] v = Payloads.value(TABLE_VALUE_BYTES, 0);
    ByteBuffer.wrap(v).putLong(0, attribute(keyId));
    return v;
  }

  /**
   * The enrichment's joiner.
   *
   * @param streamValue an input value
   * @param tableValue the table's value of its key
   * @return {@code [origin micros][attribute]}
   */
  public static byte[] enriched(byte[] streamValue, byte[] tableValue) {
    return ByteBuffer.allocate(16).putLong(Payloads.originMicros(streamValue)).putLong(ByteBuffer.wrap(tableValue)
        .getLong(0)).array();
  }

  /** @param enriched an enrichment output
   *  @return the attribute it carries */
  public static long enrichedAttribute(byte[] enriched) {
    return ByteBuffer.wrap(enriched).getLong(8);
  }

  /**
   * @param valueBytes value size (at least 16)
   * @param eventTimeMs the record's event time
   * @return a join input value
   */
  public static byte[] joinValue(int valueBytes, long eventTimeMs) {
    byte[] v = Payloads.value(Math.max(16, valueBytes), 0);
    ByteBuffer.wrap(v).putLong(8, eventTimeMs);
    return v;
  }

  /**
   * The join's joiner.
   *
   * @param left a left value
   * @param right a right value
   * @return {@code [left event time][right event time]}
   */
  public static byte[] joined(byte[] left, byte[] right) {
    return ByteBuffer.allocate(16).putLong(ByteBuffer.wrap(left).getLong(8)).putLong(ByteBuffer.wrap(right).getLong(8))
        .array();
  }

  /**
   * An order-independent digest term of one output: the sum of the terms of every output is the
   * same whatever order the records came in, and differs when one is missing, extra or changed.
   *
   * @param key the output's key id
   * @param value its value (16 bytes)
   * @return the term
   */
  public static long digest(long key, byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    return digest(key, b.getLong(0), b.getLong(8));
  }

  /** @param key a key id
   *  @param a the value's first long
   *  @param b its second
   *  @return the digest term of {@code (key, [a][b])} */
  public static long digest(long key, long a, long b) {
    return mix(mix(mix(key) ^ a) ^ b);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
