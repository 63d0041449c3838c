package io.strand.system;

/**
 * Holder of {@link OffsetType}, under the name Samza code imports it by
 * ({@code SystemStreamMetadata.OffsetType}). Strand keeps no other stream metadata here; the
 * container reads partition offsets from Kafka directly.
 */
public final class SystemStreamMetadata {

  private SystemStreamMetadata() {
  }

  /**
   * Where a stream is read from when it has no checkpoint: the value of
   * {@code systems.<s>.streams.<t>.samza.offset.default}, written in lower case.
   */
  public enum OffsetType {
    /** The oldest message still in the stream ({@code oldest}). */
    OLDEST,
    /**
     * The newest message in the stream, as Samza names it. Strand's
     * {@code samza.offset.default} accepts {@code oldest} and {@code upcoming} only, so a job
     * using this fails validation with a message naming the key.
     */
    NEWEST,
    /** The next message written after the job starts ({@code upcoming}, the default). */
    UPCOMING;

    /**
     * The value as written in configuration.
     *
     * @return the name in lower case, for example {@code oldest}
     */
    public String configValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
