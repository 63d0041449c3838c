package io.strand.system;

import java.util.Objects;

/**
 * One message read from an input partition, as handed to a task's {@code process} call.
 * The key and message are already deserialized with the stream's configured serdes
 * ({@code systems.<s>.samza.key.serde} / {@code .msg.serde}, or the per-stream overrides), so
 * they are whatever those serdes produce, or the raw {@code byte[]} when none is configured.
 *
 * <p>The offset is a String, as in Samza, so that systems other than Kafka can use their own
 * positions; for Kafka it is the decimal record offset and {@link #offsetAsLong()} reads it.
 * An envelope made with a numeric offset (the container's, one per consumed record) keeps the
 * number and writes its text only when {@link #offset()} is first asked for, so tasks that never
 * look at the offset cost no String per message. Either way the envelope behaves as a value:
 * two envelopes are equal when every part is, the offset compared as text.
 *
 * <p>Immutable as a value and safe to share between threads; the key and message objects are
 * the task's to use but should not be changed if the task keeps them past the call.
 */
public final class IncomingMessageEnvelope {

  /** The {@link #eventTimeMs()} of a message that carries no timestamp (Kafka's value, -1). */
  public static final long NO_EVENT_TIME = -1L;

  private final SystemStreamPartition systemStreamPartition;
  private final Object key;
  private final Object message;
  private final int size;
  private final long eventTimeMs;
  private final boolean numeric;
  private final long offsetNumber;
  // Written at most once per value (always the same text); a racing reader that sees null
  // computes an equal String, and String's final fields make publishing it safe without a lock.
  private String offsetText;

  /**
   * An envelope whose offset is given as text (any system).
   *
   * @param systemStreamPartition where the message was read from
   * @param offset the message's position in that partition, as text; for Kafka the decimal offset
   * @param key the deserialized key, or null when the record has none
   * @param message the deserialized message, or null for a tombstone
   * @param size the serialized size of key plus message, in bytes; 0 when unknown
   * @param eventTimeMs the record's timestamp, in ms since the epoch, or {@link #NO_EVENT_TIME}
   * @throws IllegalArgumentException if the partition or offset is null, or the size is negative
   */
  public IncomingMessageEnvelope(SystemStreamPartition systemStreamPartition, String offset, Object key,
      Object message, int size, long eventTimeMs) {
    this(systemStreamPartition, false, 0L, offset, key, message, size, eventTimeMs);
    if (offset == null) {
      throw new IllegalArgumentException("an incoming envelope from " + systemStreamPartition + " needs an offset");
    }
  }

  /**
   * An envelope whose offset is a number (Kafka's record offset); its text is made on demand.
   *
   * @param systemStreamPartition where the message was read from
   * @param offset the message's position in that partition
   * @param key the deserialized key, or null when the record has none
   * @param message the deserialized message, or null for a tombstone
   * @param size the serialized size of key plus message, in bytes; 0 when unknown
   * @param eventTimeMs the record's timestamp, in ms since the epoch, or {@link #NO_EVENT_TIME}
   * @throws IllegalArgumentException if the partition is null, or the size is negative
   */
  public IncomingMessageEnvelope(SystemStreamPartition systemStreamPartition, long offset, Object key,
      Object message, int size, long eventTimeMs) {
    this(systemStreamPartition, true, offset, null, key, message, size, eventTimeMs);
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

  private IncomingMessageEnvelope(SystemStreamPartition systemStreamPartition, boolean numeric, long offsetNumber,
      String offsetText, Object key, Object message, int size, long eventTimeMs) {
    if (systemStreamPartition == null) {
      throw new IllegalArgumentException("an incoming envelope needs the partition it was read from");
    }
    if (size < 0) {
      throw new IllegalArgumentException("envelope size is in bytes and cannot be negative, got " + size);
    }
    this.systemStreamPartition = systemStreamPartition;
    this.numeric = numeric;
    this.offsetNumber = offsetNumber;
    this.offsetText = offsetText;
    this.key = key;
    this.message = message;
    this.size = size;
    this.eventTimeMs = eventTimeMs;
  }

  /**
   * Where the message was read from.
   *
   * @return the system stream partition
   */
  public SystemStreamPartition systemStreamPartition() {
    return systemStreamPartition;
  }

  /**
   * The message's position in its partition, as text; for Kafka the decimal offset.
   *
   * @return the offset, never null
   */
  public String offset() {
    String s = offsetText;
    if (s == null) {
      s = Long.toString(offsetNumber);
      offsetText = s;
    }
    return s;
  }

  /**
   * The deserialized key.
   *
   * @return the key, or null when the record has none
   */
  public Object key() {
    return key;
  }

  /**
   * The deserialized message.
   *
   * @return the message, or null for a tombstone
   */
  public Object message() {
    return message;
  }

  /**
   * The serialized size of key plus message.
   *
   * @return bytes; 0 when unknown
   */
  public int size() {
    return size;
  }

  /**
   * The record's timestamp.
   *
   * @return ms since the epoch, or {@link #NO_EVENT_TIME}
   */
  public long eventTimeMs() {
    return eventTimeMs;
  }

  /**
   * The offset as a number, for systems (such as Kafka) whose offsets are numbers.
   *
   * @return the offset
   * @throws IllegalStateException if the offset is not a decimal long
   */
  public long offsetAsLong() {
    if (numeric) {
      return offsetNumber;
    }
    try {
      return Long.parseLong(offsetText);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("offset '" + offsetText + "' of " + systemStreamPartition + " is not a number", e);
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
    return offset();
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

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IncomingMessageEnvelope e)) {
      return false;
    }
    boolean sameOffset = numeric && e.numeric ? offsetNumber == e.offsetNumber : offset().equals(e.offset());
    return sameOffset && size == e.size && eventTimeMs == e.eventTimeMs
        && systemStreamPartition.equals(e.systemStreamPartition) && Objects.equals(key, e.key)
        && Objects.equals(message, e.message);
  }

  @Override
  public int hashCode() {
    return Objects.hash(systemStreamPartition, offset(), key, message, size, eventTimeMs);
  }

  @Override
  public String toString() {
    return "IncomingMessageEnvelope[systemStreamPartition=" + systemStreamPartition + ", offset=" + offset()
        + ", key=" + key + ", message=" + message + ", size=" + size + ", eventTimeMs=" + eventTimeMs + "]";
  }
}
