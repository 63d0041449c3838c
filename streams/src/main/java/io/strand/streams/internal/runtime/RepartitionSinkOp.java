package io.strand.streams.internal.runtime;

import io.strand.serializers.Serde;
import io.strand.streams.internal.graph.SinkNode;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.utils.Utils;

/**
 * Writes an intermediate topic: each record framed with its event time, partitioned by its
 * serialized key (murmur2, as Kafka's default partitioner, so a key always lands in one partition),
 * and, on every window tick when the task's watermark changed, one watermark control record to
 * every partition (the way Samza's watermark messages travel), addressed by a partition key found
 * to hash to that partition.
 */
final class RepartitionSinkOp extends Op {

  private final SinkNode node;
  private final SystemStream stream;
  private final TopicSizes sizes;
  private Serde<Object> keySerde;
  private Serde<Object> valueSerde;
  private byte[][] partitionKeys;
  private long sentWatermark = Long.MIN_VALUE;
  private boolean sentIdle;

  RepartitionSinkOp(SinkNode node, TopicSizes sizes) {
    super(node.name());
    this.node = node;
    this.stream = new SystemStream(node.system(), node.topic());
    this.sizes = sizes;
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

  /** Sends the task's watermark (or idleness) to every partition when it changed. */
  void sendWatermark(long watermark, boolean idle) {
    if (watermark == sentWatermark && idle == sentIdle) {
      return;
    }
    if (partitionKeys == null) {
      partitionKeys = partitionKeys(sizes.partitions(node.system(), node.topic()));
    }
    byte[] frame = Bytes.controlFrame(watermark, idle, env.taskName);
    for (byte[] pk : partitionKeys) {
      env.collector.send(new OutgoingMessageEnvelope(stream, pk, null, frame));
    }
    sentWatermark = watermark;
    sentIdle = idle;
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
