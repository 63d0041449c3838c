package io.strand.serializers;

/**
 * Turns objects into bytes and back, as Samza's {@code Serde}: used for message keys and values
 * ({@code systems.<s>.samza.key.serde} / {@code .msg.serde}) and for store keys and values
 * ({@code stores.<s>.key.serde} / {@code .msg.serde}). Made by a {@link SerdeFactory}.
 *
 * <p>Threading: the container may share one instance across tasks and threads, so
 * implementations must be thread-safe; every built-in one is.
 *
 * <p>Nulls: every built-in serde maps null to null both ways, so tombstones pass through; a custom
 * serde should do the same.
 *
 * @param <T> the object type
 */
public interface Serde<T> {

  /**
   * Serializes an object.
   *
   * @param object the object, or null
   * @return its bytes, or null for null
   * @throws SerdeException if the object cannot be serialized; its payload length is
   *     {@link SerdeException#NO_PAYLOAD}
   */
  byte[] toBytes(T object);

  /**
   * Deserializes bytes.
   *
   * @param bytes the bytes, or null
   * @return the object, or null for null
   * @throws SerdeException if the bytes are not a valid payload for this serde
   */
  T fromBytes(byte[] bytes);
}
