package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;
import io.strand.streams.internal.graph.SinkNode;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes an intermediate topic: each record framed with its event time, partitioned by its
 * serialized key (murmur2, as Kafka's default partitioner, so a key always lands in one partition),
 * and, on every window tick when its watermark changed, its watermark to every partition (the way
 * Samza's watermark messages travel), gathered with the other tasks' of the container into one
 * control frame per partition per tick ({@link ControlFrames}), addressed by a partition key found
 * to hash to that partition.
 *
 * <p>Its watermark is the minimum over the task's partitions of the inputs that feed it
 * ({@link #upstream}), not the task's watermark: a task that also reads the intermediate topic it
 * writes (partition <i>n</i> of every topic is one task) would otherwise wait for its own control
 * records. Partitions that are idle do not count; when every one is idle the sink says so (idle
 * flag), so downstream tasks stop waiting for this task. It never goes back. A task with no
 * partition of those inputs writes nothing to the topic and sends no control record.
 */
final class RepartitionSinkOp extends Op {

  private final SinkNode node;
  private final SystemStream stream;
  private final TopicSizes sizes;
  private Serde<Object> keySerde;
  private Serde<Object> valueSerde;
  private final List<Watermarks.Clock> upstream = new ArrayList<>();
  private final ControlFrames frames;
  /** The container's group for this topic; null until {@link #joinFrames} (and for a task that sends none). */
  private ControlFrames.Group group;
  private Object container;
  private long sentWatermark = Long.MIN_VALUE;
  private boolean sentIdle;

  RepartitionSinkOp(SinkNode node, TopicSizes sizes, ControlFrames frames) {
    super(node.name());
    this.node = node;
    this.stream = new SystemStream(node.system(), node.topic());
    this.sizes = sizes;
    this.frames = frames;
  }

  @Override
  void init(TaskEnv env) {
    super.init(env);
    keySerde = env.keySerde(node.keySerde(), name);
    valueSerde = env.valueSerde(node.valueSerde(), name);
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    byte[] keyBytes = key == null ? null : keySerde.toBytes(key);
    byte[] frame = Bytes.dataFrame(timestamp, value == null ? null : valueSerde.toBytes(value));
    env.collector.send(new OutgoingMessageEnvelope(stream, keyBytes, keyBytes, frame));
  }

  /** @return the intermediate topic */
  String topic() {
    return stream.getStream();
  }

  /** Adds one of the task's partitions of an input feeding this sink. */
  void addUpstream(Watermarks.Clock clock) {
    upstream.add(clock);
  }

  /**
   * Joins the container's control frames for this topic, once the task's partitions are known
   * (after every {@link #addUpstream}); a task with none of the feeding partitions sends nothing.
   *
   * @param containerContext the container context the task was given
   */
  void joinFrames(Object containerContext) {
    if (!upstream.isEmpty() && group == null) {
      container = containerContext;
      group = frames.join(containerContext, stream, sizes, env.taskName);
    }
  }

  /** The task closes: its container's rounds stop waiting for it. */
  void leaveFrames() {
    if (group != null) {
      frames.leave(container, group, env.taskName);
      group = null;
    }
  }

  /**
   * Gives the container's round this tick's watermark (or idleness), if it changed; the round
   * sends every task's in one frame per partition once every task has ticked.
   *
   * @param nowMs processing time, for idleness
   */
  void sendWatermark(long nowMs) {
    if (group == null) {
      return;
    }
    long min = Long.MAX_VALUE;
    boolean active = false;
    for (Watermarks.Clock c : upstream) {
      if (!c.idle(nowMs)) {
        active = true;
        min = Math.min(min, c.watermark());
      }
    }
    long watermark = active ? Math.max(sentWatermark, min) : sentWatermark;
    boolean idle = !active;
    boolean changed = watermark != sentWatermark || idle != sentIdle;
    group.tick(env.taskName, watermark, idle, changed, env.collector);
    sentWatermark = watermark;
    sentIdle = idle;
  }

  /**
   * Passes the end of stream on as soon as every partition feeding this sink in the task ended,
   * before the task's other inputs (among them, often, this very topic) end.
   */
  void upstreamMayHaveEnded() {
    for (Watermarks.Clock c : upstream) {
      if (!c.ended) {
        return;
      }
    }
    sendEndOfStream();
  }

  /**
   * The task's input ended: nothing more comes from it, so its watermark is the end of time, sent
   * at once (with what the container's round gathered so far) rather than on the next tick.
   */
  void sendEndOfStream() {
    if (group != null && (sentWatermark != Long.MAX_VALUE || sentIdle)) {
      group.sendNow(env.taskName, Long.MAX_VALUE, false, env.collector);
      sentWatermark = Long.MAX_VALUE;
      sentIdle = false;
    }
  }

  /** For each partition, a 4-byte key that Kafka's murmur2 partitioning sends there. */
  static byte[][] partitionKeys(int partitions) {
    byte[][] keys = new byte[partitions][];
    int found = 0;
    for (int i = 0; found < partitions; i++) {
      byte[] candidate = ByteBuffer.allocate(4).putInt(i).array();
      int p = Utils.toPositive(Utils.murmur2(candidate)) % partitions;
      if (keys[p] == null) {
        keys[p] = candidate;
        found++;
      }
    }
    return keys;
  }
}
