package io.strand.container.output;

import io.strand.container.serde.SerdePair;
import io.strand.system.OutgoingMessageEnvelope;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends to one output stream: serializes with the stream's serdes and partitions as Kafka's
 * default partitioner does for keyed records (murmur2 of the serialized partition key), so a
 * consumer partitioning by the same key agrees. With no partition key the key is the partition
 * key; with neither, the producer's default partitioner places the record.
 *
 * <p>Threading: thread-safe (producers and serdes are); the partition count is cached after the
 * first explicit-partition-key send.
 */
final class OutputStream {

  private final String topic;
  private final SerdePair serdes;
  private final Producer<byte[], byte[]> producer;
  private final Callback callback;
  private volatile int partitionCount;

  OutputStream(String topic, SerdePair serdes, Producer<byte[], byte[]> producer, Callback callback) {
    this.topic = topic;
    this.serdes = serdes;
    this.producer = producer;
    this.callback = callback;
  }

  void send(OutgoingMessageEnvelope envelope) {
    Object key = envelope.key();
    byte[] keyBytes = serdes.keyBytes(key);
    byte[] value = serdes.messageBytes(envelope.message());
    Object partitionKey = envelope.partitionKey();
    Integer partition = null;
    // Identity test on purpose: the common case (partition key is the key) costs nothing and the
    // producer's own partitioner hashes the serialized key exactly as below.
    if (partitionKey != null && partitionKey != key) {
      byte[] pk = serdes.keyBytes(partitionKey);
      partition = Utils.toPositive(Utils.murmur2(pk)) % partitions();
    }
    producer.send(new ProducerRecord<>(topic, partition, keyBytes, value), callback);
  }

  private int partitions() {
    int n = partitionCount;
    if (n == 0) {
      n = producer.partitionsFor(topic).size();
      partitionCount = n;
    }
    return n;
  }
}
