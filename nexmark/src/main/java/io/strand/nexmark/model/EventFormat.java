package io.strand.nexmark.model;

/**
 * How the generator writes event values: JSON ({@link NexmarkJson}, the default) or Avro
 * ({@link NexmarkAvro}). Engines read either without being told ({@link #decode}): an Avro value
 * starts with the single-object marker, a JSON one with '{'. Keys are the same in both (decimal
 * ids), and so are query results (JSON). Stateless.
 */
public enum EventFormat {
  /** {@link NexmarkJson}. */
  JSON,
  /** {@link NexmarkAvro}. */
  AVRO;

  /**
   * Encodes an event in this format.
   *
   * @param event the event (an end-of-input marker too)
   * @return the value bytes
   */
  public byte[] encode(Event event) {
    return this == AVRO ? NexmarkAvro.write(event) : NexmarkJson.write(event);
  }

  /**
   * Decodes an input value written in either format.
   *
   * @param bytes the value
   * @param type the event class the topic holds
   * @param <T> the event type
   * @return the event
   * @throws java.io.UncheckedIOException if the bytes are neither that event's JSON nor its Avro
   */
  public static <T extends Event> T decode(byte[] bytes, Class<T> type) {
    return NexmarkAvro.isAvro(bytes) ? NexmarkAvro.read(bytes, type) : NexmarkJson.read(bytes, type);
  }
}
