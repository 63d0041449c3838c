package io.strand.container.output;

import io.strand.container.serde.SerdePair;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.utils.Utils;

/**
 * Sends to one output stream: serializes with the stream's serdes and partitions as Kafka's
 * default partitioner does for keyed records (murmur2 of the serialized partition key), so a
 * consumer partitioning by the same key agrees. With no partition key the key is the partition
 * key; with neither, the producer's default partitioner places the record.
 *
 * <p>A record too large to be sent fails the send itself with
 * {@link RecordTooLargeForOutputException}, on the sending task's thread, so the container's
 * failure names the task and input offset (and the message the topic and partition): the producer
 * rejects a record over its {@code max.request.size} or {@code buffer.memory} within {@code send}
 * (its future is already failed; a producer with a send thread checks the same size before the
 * hand-off, {@link SendHandOff}), and a record
 * whose size before compression exceeds the topic's {@code max.message.bytes} (when known) is sent
 * and awaited at once, as only the broker can tell whether it fits once compressed. Every other
 * record is sent asynchronously, its failure checked by the commit path.
 *
 * <p>Threading: thread-safe (producers and serdes are); the partition count is cached after the
 * first explicit-partition-key send.
 */
final class OutputStream {

  /** Record batch header (magic v2) plus the largest per-record overhead, in bytes, as the producer estimates. */
  private static final int RECORD_OVERHEAD_BYTES = 61 + 21;

  private final SystemStream stream;
  private final String topic;
  private final SerdePair serdes;
  private final Producer<byte[], byte[]> producer;
  private final Callback callback;
  private final OptionalInt topicMaxMessageBytes;
  private volatile int partitionCount;

  /**
   * Prepares sends to one stream.
   *
   * @param stream the output stream
   * @param serdes its serdes
   * @param producer its system's producer
   * @param callback the shared send callback
   * @param topicMaxMessageBytes the topic's {@code max.message.bytes}, if known
   */
  OutputStream(SystemStream stream, SerdePair serdes, Producer<byte[], byte[]> producer, Callback callback,
      OptionalInt topicMaxMessageBytes) {
    this.stream = stream;
    this.topic = stream.stream();
    this.serdes = serdes;
    this.producer = producer;
    this.callback = callback;
    this.topicMaxMessageBytes = topicMaxMessageBytes;
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
    int size = (keyBytes == null ? 0 : keyBytes.length) + (value == null ? 0 : value.length);
    Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, partition, keyBytes, value), callback);
    boolean overTopicLimit = topicMaxMessageBytes.isPresent()
        && size + RECORD_OVERHEAD_BYTES > topicMaxMessageBytes.getAsInt();
    if (overTopicLimit || sent.isDone()) {
      checkAccepted(sent, keyBytes, value, size, partition);
    }
  }

  /** Waits for a send and turns a too-large rejection into an exception naming size and keys. */
  private void checkAccepted(Future<RecordMetadata> sent, byte[] keyBytes, byte[] value, int size, Integer partition) {
    try {
      sent.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RecordTooLargeException tooLarge) {
        throw new RecordTooLargeForOutputException("the output record for " + stream + " (" + where(partition, keyBytes)
            + ") is " + size + " bytes (key "
            + (keyBytes == null ? 0 : keyBytes.length) + ", value " + (value == null ? 0 : value.length)
            + " bytes, before compression)" + topicMaxMessageBytes.stream().mapToObj(
                n -> ", the topic's max.message.bytes is " + n).findFirst().orElse("") + ": " + tooLarge.getMessage()
            + " " + advice(stream), tooLarge);
      }
      // Any other failure was recorded by the shared callback; the commit path reports it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a send to " + stream, e);
    }
  }

  /** Topic and partition of a record, for errors: the partition the producer's partitioner picks for a key. */
  private String where(Integer partition, byte[] keyBytes) {
    String p;
    if (partition != null) {
      p = partition.toString();
    } else if (keyBytes != null) {
      p = Integer.toString(Utils.toPositive(Utils.murmur2(keyBytes)) % partitions());
    } else {
      int n = partitions();
      p = n == 1 ? "0" : "chosen by the producer, one of " + n;
    }
    return "topic " + topic + ", partition " + p;
  }

  /**
   * What to change when records are too large for a stream.
   *
   * @param stream the output stream
   * @return the keys to raise, or to send smaller records
   */
  static String advice(SystemStream stream) {
    return "Raise systems." + stream.system() + ".producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG
        + " (the producer's limit) and the topic's max.message.bytes (the broker's: kafka-configs --alter"
        + " --entity-type topics --entity-name " + stream.stream() + " --add-config max.message.bytes=<bytes>),"
        + " or send smaller records.";
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
