package io.strand.system;

/**
 * One message read from an input partition, as handed to a task's {@code process} call.
 * The key and message are already deserialized with the stream's configured serdes
 * ({@code systems.<s>.samza.key.serde} / {@code .msg.serde}, or the per-stream overrides), so
 * they are whatever those serdes produce, or the raw {@code byte[]} when none is configured.
 *
 * <p>The offset is a String, as in Samza, so that systems other than Kafka can use their own
 * positions; for Kafka it is the decimal record offset and {@link #offsetAsLong()} reads it.
 * Immutable as a value; the key and message objects are the task's to use but should not be
 * changed if the task keeps them past the call.
 *
 * @param systemStreamPartition where the message was read from
 * @param offset the message's position in that partition, as text; for Kafka the decimal offset
 * @param key the deserialized key, or null when the record has none
 * @param message the deserialized message, or null for a tombstone
 * @param size the serialized size of key plus message, in bytes; 0 when unknown
 * @param eventTimeMs the record's timestamp, in ms since the epoch, or {@link #NO_EVENT_TIME}
 */
public record IncomingMessageEnvelope(
    SystemStreamPartition systemStreamPartition,
    String offset,
    Object key,
    Object message,
    int size,
    long eventTimeMs) {

  /** The {@link #eventTimeMs()} of a message that carries no timestamp (Kafka's value, -1). */
  public static final long NO_EVENT_TIME = -1L;

  /**
   * Checks the parts.
   *
   * @param systemStreamPartition where the message was read from
   * @param offset the message's position in that partition, as text; for Kafka the decimal offset
   * @param key the deserialized key, or null when the record has none
   * @param message the deserialized message, or null for a tombstone
   * @param size the serialized size of key plus message, in bytes; 0 when unknown
   * @param eventTimeMs the record's timestamp, in ms since the epoch, or {@link #NO_EVENT_TIME}
   * @throws IllegalArgumentException if the partition or offset is null, or the size is negative
   */
  public IncomingMessageEnvelope {
    if (systemStreamPartition == null) {
      throw new IllegalArgumentException("an incoming envelope needs the partition it was read from");
    }
    if (offset == null) {
      throw new IllegalArgumentException("an incoming envelope from " + systemStreamPartition + " needs an offset");
    }
    if (size < 0) {
      throw new IllegalArgumentException("envelope size is in bytes and cannot be negative, got " + size);
    }
  }

  /**
   * An envelope of unknown size and no event time, for tests and hand-made input.
   *
   * @param systemStreamPartition where the message was read from
   * @param offset the message's position, as text
   * @param key the key, or null
   * @param message the message, or null
   * @throws IllegalArgumentException if the partition or offset is null
   */
  public IncomingMessageEnvelope(SystemStreamPartition systemStreamPartition, String offset, Object key,
      Object message) {
    this(systemStreamPartition, offset, key, message, 0, NO_EVENT_TIME);
  }

  /**
   * The offset as a number, for systems (such as Kafka) whose offsets are numbers.
   *
   * @return the offset
   * @throws IllegalStateException if the offset is not a decimal long
   */
  public long offsetAsLong() {
    try {
      return Long.parseLong(offset);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("offset '" + offset + "' of " + systemStreamPartition + " is not a number", e);
    }
  }

  /**
   * Where the message was read from, under Samza's accessor name.
   *
   * @return the system stream partition
   */
  public SystemStreamPartition getSystemStreamPartition() {
    return systemStreamPartition;
  }

  /**
   * The offset, under Samza's accessor name.
   *
   * @return the offset, as text
   */
  public String getOffset() {
    return offset;
  }

  /**
   * The key, under Samza's accessor name.
   *
   * @return the deserialized key, or null
   */
  public Object getKey() {
    return key;
  }

  /**
   * The message, under Samza's accessor name.
   *
   * @return the deserialized message, or null
   */
  public Object getMessage() {
    return message;
  }

  /**
   * The serialized size, under Samza's accessor name.
   *
   * @return key plus message size in bytes; 0 when unknown
   */
  public int getSize() {
    return size;
  }

  /**
   * The event time, under Samza's accessor name.
   *
   * @return ms since the epoch, or {@link #NO_EVENT_TIME}
   */
  public long getEventTime() {
    return eventTimeMs;
  }
}
