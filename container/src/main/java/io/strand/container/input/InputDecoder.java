package io.strand.container.input;

import io.micrometer.core.instrument.Counter;
import io.strand.container.TaskName;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.logging.RateLimitedLog;
import io.strand.container.metrics.BadInputCounts;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.output.ProducerPool;
import io.strand.container.serde.SerdePair;
import io.strand.system.IncomingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a consumed record into the envelope a task sees, applying the stream's serdes and, when
 * they fail, the container's {@link BadMessagePolicy}.
 *
 * <p>A bad message of a partition several tasks consume (a broadcast input) is dead-lettered,
 * counted and logged only by the task that {@link InputOwners owns} the partition; the other tasks
 * skip it silently (DEBUG), so each bad input record is dead-lettered and counted once per job.
 * Under the FAIL policy every task fails on it, as before.
 *
 * <p>A dead-letter send is logged ("sent to dead-letter stream") and counted only from its
 * callback, once Kafka acknowledged it; a failed one is recorded with the {@link ProducerPool},
 * so the next commit fails the container naming the dead-letter stream and the source record,
 * and checkpoints nothing past it.
 *
 * <p>Threading: {@link #decode} is called from the run loop thread only; send callbacks run on
 * the producer's I/O thread and touch only thread-safe parts (counters, the rate-limited log,
 * the pool's failure record).
 */
public final class InputDecoder {

  /** Header naming the topic a dead-lettered record was read from. */
  public static final String HEADER_TOPIC = "strand.source.topic";
  /** Header naming its partition, as decimal text. */
  public static final String HEADER_PARTITION = "strand.source.partition";
  /** Header naming its offset, as decimal text. */
  public static final String HEADER_OFFSET = "strand.source.offset";
  /** Header naming the task that read it. */
  public static final String HEADER_TASK = "strand.source.task";
  /** Header saying why it was dead-lettered: {@value #REASON_KEY} or {@value #REASON_MESSAGE}. */
  public static final String HEADER_REASON = "strand.error.reason";
  /** Header holding the serde's error message. */
  public static final String HEADER_ERROR = "strand.error";
  /** {@value #HEADER_REASON} of a record whose key did not deserialize. */
  public static final String REASON_KEY = "key-not-deserializable";
  /** {@value #HEADER_REASON} of a record whose message (value) did not deserialize. */
  public static final String REASON_MESSAGE = "message-not-deserializable";

  private static final Logger LOG = LoggerFactory.getLogger(InputDecoder.class);

  private final BadMessagePolicy policy;
  private final InputOwners owners;
  private final ProducerPool producers;
  private final ContainerMetrics metrics;
  private final Counter errors;
  private final String who;
  private final RateLimitedLog errorLog = new RateLimitedLog(LOG, 10_000);
  /**
   * The records of partitions several tasks of the container consume (broadcast inputs), decoded
   * once: the poller buffers the same record object for each of those tasks, and each gets the
   * same key and message objects, as Samza hands one envelope to every task of a broadcast
   * partition (tasks must not modify them). Keyed by the record object (ConsumerRecord keeps
   * Object's identity equality), weakly: an entry goes once no task buffers its record any more.
   */
  private final Map<ConsumerRecord<byte[], byte[]>, SharedDecode> sharedDecodes = new WeakHashMap<>();

  /**
   * Creates a decoder.
   *
   * @param policy what to do with undeserializable messages
   * @param owners which task answers for the bad messages of a partition several tasks consume
   * @param producers where dead letters are sent
   * @param metrics counts undeserializable messages (all, and skipped or dead-lettered per stream)
   * @param who "job ... container ..." for messages
   */
  public InputDecoder(BadMessagePolicy policy, InputOwners owners, ProducerPool producers, ContainerMetrics metrics,
      String who) {
    this.policy = policy;
    this.owners = owners;
    this.producers = producers;
    this.metrics = metrics;
    this.errors = metrics.deserializationErrors();
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
    return decode(task, ssp, serdes, r, isShared(ssp));
  }

  /**
   * Whether several tasks of the job consume a partition (its records are decoded once for all of
   * them). Fixed for the decoder's life, so a caller may ask once per partition and pass the answer
   * to {@link #decode(TaskName, SystemStreamPartition, SerdePair, ConsumerRecord, boolean)}.
   *
   * @param ssp an input partition
   * @return true if it is a partition several tasks consume
   */
  public boolean isShared(SystemStreamPartition ssp) {
    return owners.ownerOfShared(ssp) != null;
  }

  /**
   * Deserializes one record, as {@link #decode(TaskName, SystemStreamPartition, SerdePair,
   * ConsumerRecord)}, with whether its partition is shared already known: the run loop asks
   * {@link #isShared} once per input instead of a map look-up per record.
   *
   * @param task the task it is for
   * @param ssp where it was read
   * @param serdes the stream's serdes
   * @param r the raw record
   * @param shared {@link #isShared} of {@code ssp}
   * @return the envelope, or null when the record was skipped or dead-lettered
   * @throws ContainerFailedException under the FAIL policy
   */
  public IncomingMessageEnvelope decode(TaskName task, SystemStreamPartition ssp, SerdePair serdes,
      ConsumerRecord<byte[], byte[]> r, boolean shared) {
    if (shared) {
      SharedDecode earlier = sharedDecodes.get(r);
      if (earlier != null && earlier.serdes() == serdes) {
        return new IncomingMessageEnvelope(ssp, r.offset(), earlier.key(), earlier.message(), earlier.size(),
            r.timestamp());
      }
    }
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
    if (shared) {
      sharedDecodes.put(r, new SharedDecode(serdes, key, message, size));
    }
    return new IncomingMessageEnvelope(ssp, r.offset(), key, message, size, r.timestamp());
  }

  /** A record of a partition several tasks consume, as decoded for the first of them. */
  private record SharedDecode(SerdePair serdes, Object key, Object message, int size) {}

  /**
   * The undeserializable input skipped and dead-lettered in a container's run, or a whole job's.
   *
   * @param line for example {@code skipped 3 undeserializable messages (kafka.airports: 3), dead-lettered 0}
   * @param any whether anything was skipped or dead-lettered
   */
  public record Summary(String line, boolean any) {

    /**
     * Describes counts.
     *
     * @param policy the job's bad-message policy (names the dead-letter stream)
     * @param counts the counts, of one container or summed over the job's
     * @return the summary; empty under the FAIL policy (nothing is ever skipped then)
     */
    public static Optional<Summary> of(BadMessagePolicy policy, BadInputCounts counts) {
      if (policy.kind() == BadMessagePolicy.Kind.FAIL) {
        return Optional.empty();
      }
      return Optional.of(new Summary("skipped " + count(counts.skipped()) + " undeserializable messages"
          + perStream(counts.skipped()) + ", dead-lettered " + count(counts.deadLettered())
          + perStream(counts.deadLettered()) + policy.deadLetterStream().map(d -> " to " + d).orElse(""),
          counts.any()));
    }

    private static long count(Map<String, Long> m) {
      return m.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String perStream(Map<String, Long> m) {
      return m.isEmpty() ? "" : m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining(", ", " (", ")"));
    }
  }

  /**
   * Sums up the undeserializable input skipped and dead-lettered so far, for the end of a
   * container's run.
   *
   * @return the summary; empty under the FAIL policy (nothing is ever skipped then)
   */
  public Optional<Summary> summary() {
    return Summary.of(policy, metrics.badInputCounts());
  }

  private IncomingMessageEnvelope bad(TaskName task, SystemStreamPartition ssp, String serde, String what,
      ConsumerRecord<byte[], byte[]> r, RuntimeException e) {
    String where = "topic '" + r.topic() + "' partition " + r.partition() + " offset " + r.offset();
    String detail = "task '" + task + "' cannot deserialize the " + what + " at " + where + " (" + ssp
        + ") with serde '" + serde + "': " + e.getMessage();
    if (policy.kind() == BadMessagePolicy.Kind.FAIL) {
      throw new ContainerFailedException(who + ": " + detail + "; set task.drop.deserialization.errors"
          + "=true to skip such messages or " + BadMessagePolicy.DEAD_LETTER_STREAM + "=<system>.<stream> to divert"
          + " them", e);
    }
    errors.increment();
    if (!owners.owns(task, ssp)) {
      LOG.debug("{}: {}; left to task '{}', which owns {}", who, detail, owners.ownerOfShared(ssp), ssp);
      return null;
    }
    switch (policy.kind()) {
      case SKIP -> {
        metrics.skipped(ssp.getSystemStream()).increment();
        errorLog.warn(ssp.getSystemStream(), who + ": skipped a message: " + detail);
      }
      case DEAD_LETTER -> sendDeadLetter(task, ssp, r, "key".equals(what) ? REASON_KEY : REASON_MESSAGE,
          String.valueOf(e.getMessage()), detail);
      default -> throw new IllegalStateException("unknown policy " + policy.kind());
    }
    return null;
  }

  private void sendDeadLetter(TaskName task, SystemStreamPartition ssp, ConsumerRecord<byte[], byte[]> r,
      String reason, String error, String detail) {
    SystemStream dlq = policy.deadLetterStream().orElseThrow();
    RecordHeaders headers = new RecordHeaders();
    headers.add(HEADER_TOPIC, utf8(r.topic()));
    headers.add(HEADER_PARTITION, utf8(Integer.toString(r.partition())));
    headers.add(HEADER_OFFSET, utf8(Long.toString(r.offset())));
    headers.add(HEADER_TASK, utf8(task.name()));
    headers.add(HEADER_REASON, utf8(reason));
    headers.add(HEADER_ERROR, utf8(error));
    Counter deadLettered = metrics.deadLettered(ssp.getSystemStream());
    // A callback of its own (bad input is rare): the WARN and the count only once Kafka has the
    // record, and a failure that names the source record.
    producers.forSystem(dlq.system()).send(new ProducerRecord<>(dlq.stream(), null, r.key(), r.value(), headers),
        (metadata, sendError) -> {
          if (sendError == null) {
            deadLettered.increment();
            errorLog.warn(ssp.getSystemStream(), who + ": sent a message to dead-letter stream " + dlq + " (partition "
                + metadata.partition() + " offset " + metadata.offset() + "): " + detail);
          } else {
            producers.recordFailure("dead-letter stream " + dlq + " (the undeserializable record at topic '"
                + r.topic() + "' partition " + r.partition() + " offset " + r.offset() + " read by task '" + task
                + "')", sendError);
          }
        });
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
