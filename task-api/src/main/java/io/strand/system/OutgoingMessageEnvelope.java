package io.strand.system;

/**
 * One message for a task to send through its {@code MessageCollector}. The key and message are
 * serialized with the output stream's configured serdes; the partition is chosen by hashing the
 * serialized partition key, or by the producer's default partitioner when there is none.
 *
 * <p>As in Samza, the partition key defaults to the key, so messages with equal keys land in the
 * same partition; give a separate partition key to co-locate messages whose keys differ.
 * A null message is sent as a tombstone, which deletes the key from a compacted topic.
 * Immutable as a value.
 *
 * @param systemStream where to send the message
 * @param partitionKey what to hash to choose the partition, or null for the producer's default
 * @param key the message key, or null
 * @param message the message, or null for a tombstone
 */
public record OutgoingMessageEnvelope(SystemStream systemStream, Object partitionKey, Object key, Object message) {

  /**
   * Checks the destination.
   *
   * @param systemStream where to send the message
   * @param partitionKey what to hash to choose the partition, or null for the producer's default
   * @param key the message key, or null
   * @param message the message, or null for a tombstone
   * @throws IllegalArgumentException if {@code systemStream} is null
   */
  public OutgoingMessageEnvelope {
    if (systemStream == null) {
      throw new IllegalArgumentException("an outgoing envelope needs a system stream to send to");
    }
  }

  /**
   * A keyless message, placed by the producer's default partitioner.
   *
   * @param systemStream where to send the message
   * @param message the message
   * @throws IllegalArgumentException if {@code systemStream} is null
   */
  public OutgoingMessageEnvelope(SystemStream systemStream, Object message) {
    this(systemStream, null, null, message);
  }

  /**
   * A keyed message, partitioned by its key.
   *
   * @param systemStream where to send the message
   * @param key the message key, also used as the partition key
   * @param message the message
   * @throws IllegalArgumentException if {@code systemStream} is null
   */
  public OutgoingMessageEnvelope(SystemStream systemStream, Object key, Object message) {
    this(systemStream, key, key, message);
  }

  /**
   * The destination, under Samza's accessor name.
   *
   * @return the system stream
   */
  public SystemStream getSystemStream() {
    return systemStream;
  }

  /**
   * The partition key, under Samza's accessor name.
   *
   * @return the partition key, or null
   */
  public Object getPartitionKey() {
    return partitionKey;
  }

  /**
   * The key, under Samza's accessor name.
   *
   * @return the key, or null
   */
  public Object getKey() {
    return key;
  }

  /**
   * The message, under Samza's accessor name.
   *
   * @return the message, or null
   */
  public Object getMessage() {
    return message;
  }
}
