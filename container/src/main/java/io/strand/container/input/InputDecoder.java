package io.strand.container.input;

import io.micrometer.core.instrument.Counter;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.logging.RateLimitedLog;
import io.strand.container.output.ProducerPool;
import io.strand.container.serde.SerdePair;
import io.strand.context.TaskName;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a consumed record into the envelope a task sees, applying the stream's serdes and, when
 * they fail, the container's {@link BadMessagePolicy}.
 *
 * <p>Threading: called from the run loop thread only; the dead-letter producer and the error log
 * are thread-safe anyway.
 */
public final class InputDecoder {

  /** Header naming the topic a dead-lettered record was read from. */
  public static final String HEADER_TOPIC = "strand.source.topic";
  /** Header naming its partition, as decimal text. */
  public static final String HEADER_PARTITION = "strand.source.partition";
  /** Header naming its offset, as decimal text. */
  public static final String HEADER_OFFSET = "strand.source.offset";
  /** Header holding the serde's error message. */
  public static final String HEADER_ERROR = "strand.error";

  private static final Logger LOG = LoggerFactory.getLogger(InputDecoder.class);

  private final BadMessagePolicy policy;
  private final ProducerPool producers;
  private final Counter errors;
  private final String who;
  private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 10_000);

  /**
   * Creates a decoder.
   *
   * @param policy what to do with undeserializable messages
   * @param producers where dead letters are sent
   * @param errors counts every undeserializable message (ContainerMetrics.deserializationErrors)
   * @param who "job ... container ..." for messages
   */
  public InputDecoder(BadMessagePolicy policy, ProducerPool producers, Counter errors, String who) {
    this.policy = policy;
    this.producers = producers;
    this.errors = errors;
    this.who = who;
  }

  /**
   * Deserializes one record.
   *
   * @param task the task it is for
   * @param ssp where it was read
   * @param serdes the stream's serdes
   * @param r the raw record
   * @return the envelope, or null when the record was skipped or dead-lettered (it then counts as
   *     processed)
   * @throws ContainerFailedException under the FAIL policy, naming task, topic, partition, offset
   *     and serde
   */
  public IncomingMessageEnvelope decode(TaskName task, SystemStreamPartition ssp, SerdePair serdes,
      ConsumerRecord<byte[], byte[]> r) {
    byte[] k = r.key();
    byte[] v = r.value();
    Object key;
    try {
      key = serdes.key(k);
    } catch (RuntimeException e) {
      return bad(task, ssp, serdes.keySerdeLabel(), "key", r, e);
    }
    Object message;
    try {
      message = serdes.message(v);
    } catch (RuntimeException e) {
      return bad(task, ssp, serdes.msgSerdeLabel(), "message", r, e);
    }
    int size = (k == null ? 0 : k.length) + (v == null ? 0 : v.length);
    return new IncomingMessageEnvelope(ssp, r.offset(), key, message, size, r.timestamp());
  }

  private IncomingMessageEnvelope bad(TaskName task, SystemStreamPartition ssp, String serde, String what,
      ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
    String where = "topic '" + r.topic() + "' partition " + r.partition() + " offset " + r.offset();
    String detail = "task '" + task + "' cannot deserialize the " + what + " at " + where + " (" + ssp
        + ") with serde '" + serde + "': " + e.getMessage();
    switch (policy.kind()) {
      case FAIL -> throw new ContainerFailedException(who + ": " + detail + "; set task.drop.deserialization.errors"
          + "=true to skip such messages or " + BadMessagePolicy.DEAD_LETTER_STREAM + "=<system>.<stream> to divert"
          + " them", e);
      case SKIP -> {
        errors.increment();
        errorLog.warn(ssp.systemStream(), who + ": skipped a message: " + detail);
        return null;
      }
      case DEAD_LETTER -> {
        errors.increment();
        SystemStream dlq = policy.deadLetterStream().orElseThrow();
        sendDeadLetter(dlq, r, String.valueOf(e.getMessage()));
        errorLog.warn(ssp.systemStream(), who + ": sent a message to dead-letter stream " + dlq + ": " + detail);
        return null;
      }
      default -> throw new IllegalStateException("unknown policy " + policy.kind());
    }
  }

  private void sendDeadLetter(SystemStream dlq, ConsumerRecord<byte[], byte[]> r, String error) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_TOPIC, r.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(HEADER_PARTITION, Integer.toString(r.partition()).getBytes(StandardCharsets.UTF_8));
    headers.add(HEADER_OFFSET, Long.toString(r.offset()).getBytes(StandardCharsets.UTF_8));
    headers.add(HEADER_ERROR, error.getBytes(StandardCharsets.UTF_8));
    producers.forSystem(dlq.system()).send(
        new ProducerRecord<>(dlq.stream(), null, r.key(), r.value(), headers), producers.callback());
  }
}
