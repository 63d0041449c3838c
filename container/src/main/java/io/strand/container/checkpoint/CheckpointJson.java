package io.strand.container.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record format of the checkpoint topic: versioned JSON, one record per task per commit,
 * keyed by task so compaction keeps each task's newest.
 *
 * <p>Key (compact, field order fixed so equal keys are equal bytes and compaction works):
 * <pre>{"version":1,"type":"checkpoint","task":"Partition 0","grouper":"io.strand.container.grouper.GroupByPartitionFactory"}</pre>
 *
 * <p>Value:
 * <pre>{"version":1,
 *  "inputs":[{"system":"kafka","stream":"flights","partition":0,"offset":41}],
 *  "changelogs":{"airport-stats":17},
 *  "endOfStream":true}</pre>
 * {@code offset} is the offset of the last message processed (a restart resumes at {@code offset + 1});
 * {@code changelogs} maps a store name to the offset of its last changelog write made durable by
 * the commit; {@code endOfStream}, present only when true, says the task had reached the end of its
 * bounded inputs and run {@code onEndOfStream}. A null value (tombstone) deletes the task's checkpoint.
 *
 * <p>Versions: a reader accepts {@code version <= 1} and refuses a newer one with an error
 * naming it, so an old Strand never misreads a newer format. Unknown fields are ignored, so a
 * version may add fields without a bump. The grouper is in the key, as in Samza's checkpoint
 * keys, so that a job restarted with a different grouper is detected rather than mis-assigned.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class CheckpointJson {

  /** The format version written. */
  public static final int VERSION = 1;
  /** The key's {@code type} of checkpoint records. */
  public static final String TYPE_CHECKPOINT = "checkpoint";

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private CheckpointJson() {}

  /**
   * The key of a checkpoint record.
   *
   * @param version the format version
   * @param type the record type; {@value #TYPE_CHECKPOINT} for checkpoints
   * @param task the task name
   * @param grouper the SSP grouper factory class of the job that wrote it
   */
  @JsonPropertyOrder({"version", "type", "task", "grouper"})
  public record Key(int version, String type, String task, String grouper) {}

  /**
   * One input offset.
   *
   * @param system the system name
   * @param stream the stream (topic)
   * @param partition the partition number
   * @param offset the offset of the last message processed
   */
  @JsonPropertyOrder({"system", "stream", "partition", "offset"})
  record Input(String system, String stream, Integer partition, Long offset) {}

  @JsonPropertyOrder({"version", "inputs", "changelogs", "endOfStream"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Value(int version, List<Input> inputs, Map<String, Long> changelogs, Boolean endOfStream) {}

  /**
   * The key bytes of a task's checkpoint records.
   *
   * @param task the task
   * @param grouperFactory the job's SSP grouper factory class
   * @return UTF-8 JSON
   */
  public static byte[] key(TaskName task, String grouperFactory) {
    return write(new Key(VERSION, TYPE_CHECKPOINT, task.name(), grouperFactory));
  }

  /**
   * The value bytes of a checkpoint.
   *
   * @param checkpoint the checkpoint
   * @return UTF-8 JSON
   */
  public static byte[] value(Checkpoint checkpoint) {
    List<Input> inputs = new ArrayList<>();
    checkpoint.inputOffsets().forEach((ssp, offset) ->
        inputs.add(new Input(ssp.getSystem(), ssp.getStream(), ssp.partition().id(), offset)));
    return write(new Value(VERSION, inputs, new LinkedHashMap<>(checkpoint.changelogOffsets()),
        checkpoint.endOfStream() ? Boolean.TRUE : null));
  }

  /**
   * Parses a record key.
   *
   * @param bytes the key bytes
   * @return the key
   * @throws IllegalArgumentException if the bytes are not a key of a known version
   */
  public static Key readKey(byte[] bytes) {
    Key key = read(bytes, Key.class, "key");
    checkVersion(key.version(), "key");
    if (key.type() == null) {
      throw new IllegalArgumentException("checkpoint key has no \"type\": " + text(bytes));
    }
    if (TYPE_CHECKPOINT.equals(key.type()) && (key.task() == null || key.grouper() == null)) {
      throw new IllegalArgumentException("checkpoint key lacks \"task\" or \"grouper\": " + text(bytes));
    }
    return key;
  }

  /**
   * Parses a checkpoint value.
   *
   * @param task the task named by the record's key
   * @param bytes the value bytes
   * @return the checkpoint
   * @throws IllegalArgumentException if the bytes are not a checkpoint value of a known version
   */
  public static Checkpoint readValue(TaskName task, byte[] bytes) {
    Value value = read(bytes, Value.class, "value");
    checkVersion(value.version(), "value");
    Map<SystemStreamPartition, Long> inputs = new LinkedHashMap<>();
    for (Input input : value.inputs() == null ? List.<Input>of() : value.inputs()) {
      if (input.system() == null || input.stream() == null || input.partition() == null || input.offset() == null) {
        throw new IllegalArgumentException("checkpoint input lacks one of \"system\", \"stream\", \"partition\","
            + " \"offset\": " + text(bytes));
      }
      inputs.put(new SystemStreamPartition(input.system(), input.stream(), input.partition()), input.offset());
    }
    return new Checkpoint(task, inputs, value.changelogs() == null ? Map.of() : value.changelogs(),
        Boolean.TRUE.equals(value.endOfStream()));
  }

  private static void checkVersion(int version, String part) {
    if (version < 1 || version > VERSION) {
      throw new IllegalArgumentException("checkpoint " + part + " has format version " + version
          + "; this Strand reads versions 1 to " + VERSION + " (was the job run by a newer Strand?)");
    }
  }

  private static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T read(byte[] bytes, Class<T> type, String part) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint " + part + " is not valid JSON of the expected shape: "
          + text(bytes) + " (" + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())
          + ")", e);
    }
  }

  private static String text(byte[] bytes) {
    String s = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
