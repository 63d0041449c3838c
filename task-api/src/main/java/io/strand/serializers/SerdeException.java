package io.strand.serializers;

/**
 * Thrown when a serde cannot serialize an object or deserialize a payload. Carries the serde's
 * registry name and the payload length so the container can report which input was bad and
 * honour {@code task.drop.deserialization.errors} / {@code task.drop.serialization.errors}.
 */
public final class SerdeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The {@link #payloadLength()} when an object was being serialized, so there was no payload. */
  public static final int NO_PAYLOAD = -1;

  /** The registry name of the serde that failed. */
  private final String serdeName;
  /** The payload length in bytes, or {@link #NO_PAYLOAD}. */
  private final int payloadLength;

  /**
   * Creates one.
   *
   * @param serdeName the serde's registry name, for example {@code flight-json}
   * @param payloadLength the length of the payload that did not deserialize, in bytes, or
   *     {@link #NO_PAYLOAD} when serializing
   * @param detail what went wrong, in words
   * @param cause the underlying failure, or null
   */
  public SerdeException(String serdeName, int payloadLength, String detail, Throwable cause) {
    super(render(serdeName, payloadLength, detail, cause), cause);
    this.serdeName = serdeName;
    this.payloadLength = payloadLength;
  }

  /**
   * Creates one whose detail is the cause's message.
   *
   * @param serdeName the serde's registry name
   * @param payloadLength the payload length in bytes, or {@link #NO_PAYLOAD} when serializing
   * @param cause the underlying failure
   */
  public SerdeException(String serdeName, int payloadLength, Throwable cause) {
    this(serdeName, payloadLength, null, cause);
  }

  /**
   * The name of the serde that failed.
   *
   * @return the registry name
   */
  public String serdeName() {
    return serdeName;
  }

  /**
   * The length of the payload that did not deserialize.
   *
   * @return bytes, or {@link #NO_PAYLOAD} when the failure was in serializing
   */
  public int payloadLength() {
    return payloadLength;
  }

  private static String render(String serdeName, int payloadLength, String detail, Throwable cause) {
    String what = payloadLength == NO_PAYLOAD
        ? "could not serialize an object"
        : "could not deserialize a " + payloadLength + "-byte payload";
    String why = detail != null ? detail : cause != null ? String.valueOf(cause.getMessage()) : "no detail";
    return "serde '" + serdeName + "' " + what + ": " + why;
  }
}
