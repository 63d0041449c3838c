package io.strand.changelog.local;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code OFFSET} file of a store instance directory: which changelog the local snapshots
 * belong to, and the changelog offset each snapshot holds (every record up to and including that
 * offset is in it, none after). Versioned JSON, newest snapshot first:
 *
 * <pre>{"version":1,"topic":"orders-1-stats-changelog","partition":3,
 *  "snapshots":[{"offset":1041,"dir":"snapshots/00000000000000001041"},
 *               {"offset":977,"dir":"snapshots/00000000000000000977"}]}</pre>
 *
 * <p>{@code dir} is relative to the instance directory. A reader that meets a higher
 * {@code version} treats the file as unreadable (the store is then restored in full, which is
 * always safe).
 *
 * <p>Threading: an immutable value; {@link #read} and {@link #write} touch only the given file.
 *
 * @param topic the changelog topic
 * @param partition the changelog partition
 * @param snapshots the snapshots, newest (highest offset) first
 */
public record OffsetFile(String topic, int partition, List<Snapshot> snapshots) {

  /** The format version this code writes and reads. */
  public static final int VERSION = 1;
  /** The file name in the instance directory. */
  public static final String NAME = "OFFSET";

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * Checks and orders the components.
   *
   * @param topic the changelog topic
   * @param partition the changelog partition
   * @param snapshots the snapshots, in any order
   * @throws NullPointerException if {@code topic} or {@code snapshots} is null
   */
  public OffsetFile {
    Objects.requireNonNull(topic, "topic");
    List<Snapshot> sorted = new ArrayList<>(snapshots);
    sorted.sort(Comparator.comparingLong(Snapshot::offset).reversed());
    snapshots = List.copyOf(sorted);
  }

  /**
   * One local snapshot.
   *
   * @param offset the last changelog offset whose write the snapshot holds
   * @param dir the snapshot directory, relative to the instance directory
   */
  public record Snapshot(long offset, String dir) {
    /**
     * Checks the components.
     *
     * @param offset the last changelog offset the snapshot holds
     * @param dir the directory, relative to the instance directory
     * @throws NullPointerException if {@code dir} is null
     */
    public Snapshot {
      Objects.requireNonNull(dir, "dir");
    }
  }

  @JsonPropertyOrder({"version", "topic", "partition", "snapshots"})
  private record Json(@JsonProperty("version") int version, @JsonProperty("topic") String topic,
      @JsonProperty("partition") int partition, @JsonProperty("snapshots") List<Snapshot> snapshots) {}

  /**
   * Reads the file.
   *
   * @param file the {@code OFFSET} file
   * @return its content, or empty if there is no such file
   * @throws IOException if it cannot be read or is not a version this code understands (the
   *     message says which)
   */
  public static Optional<OffsetFile> read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Json json;
    try {
      json = JSON.readValue(bytes, Json.class);
    } catch (JsonProcessingException e) {
      throw new IOException("not valid OFFSET JSON: " + e.getOriginalMessage(), e);
    }
    if (json == null || json.version() != VERSION) {
      throw new IOException("OFFSET version " + (json == null ? "(none)" : json.version()) + " is not "
          + VERSION);
    }
    if (json.topic() == null || json.snapshots() == null || json.snapshots().contains(null)) {
      throw new IOException("OFFSET lacks its topic or snapshots");
    }
    return Optional.of(new OffsetFile(json.topic(), json.partition(), json.snapshots()));
  }

  /**
   * Writes the file atomically: a temporary file, synced, then renamed over the old one, so a
   * crash leaves either the old or the new content, never a torn one.
   *
   * @param file the {@code OFFSET} file
   * @throws IOException if writing fails
   */
  public void write(Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    byte[] bytes = JSON.writeValueAsString(new Json(VERSION, topic, partition, snapshots))
        .getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
