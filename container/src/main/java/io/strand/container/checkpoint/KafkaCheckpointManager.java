package io.strand.container.checkpoint;

import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.container.TaskName;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystem;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TopicAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints in the compacted checkpoint topic {@code __strand-checkpoint-<job.name>-<job.id>}
 * (one partition), one record per task per commit, in the format of {@link CheckpointJson}; as
 * Samza's Kafka checkpoint manager.
 *
 * <p>{@link #start()} creates the topic when missing (1 partition, {@code cleanup.policy=compact},
 * 16 MiB segments so compaction keeps the topic small) and rejects an existing one that is not
 * compacted or has more than one partition. {@link #readLastCheckpoints()} reads the topic from
 * its beginning to the end offset taken when the read starts and keeps each task's newest record;
 * a record written under a different SSP grouper stops the job, naming both groupers.
 * {@link #write(Checkpoint)} returns once the broker has acknowledged the record (acks=all,
 * idempotent producer).
 *
 * <p>Where the topic lives and its replication factor come from {@link CheckpointSettings}.
 *
 * <p>Threading: {@link #start()} and {@link #readLastCheckpoints()} from one thread before
 * writes begin; {@link #write(Checkpoint)} may be called from several threads (the producer is
 * thread-safe); {@link #close()} once, after the last write.
 */
public final class KafkaCheckpointManager implements CheckpointManager {

  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Logger LOG = LoggerFactory.getLogger(KafkaCheckpointManager.class);
  private static final String SEGMENT_BYTES = String.valueOf(16 * 1024 * 1024);
  /** A read of the checkpoint topic fails when no record arrives for this long. */
  private static final long READ_STALL_TIMEOUT_MS = 60_000;

  private final KafkaSystem system;
  private final JobIdentity job;
  private final String grouperFactory;
  private final String topic;
  private final Optional<Short> replicationFactor;
  private final TopicPartition partition;
  private final int instance = INSTANCES.incrementAndGet();
  private KafkaProducer<byte[], byte[]> producer;
  /**
   * One admin client for the manager's life: a container's start asks whether the topic exists,
   * reads it (asking again) and creates it, each with an admin client of its own before (each
   * costing a connection and a metadata round trip).
   */
  private TopicAdmin admin;

  /**
   * A manager for the job's checkpoint topic on {@code system}, with the cluster's default
   * replication factor for a new topic. Makes no client until first used.
   *
   * @param system the system holding the checkpoint topic
   * @param job the job, which names the topic
   * @param grouperFactory the job's SSP grouper factory class, written into every key and
   *     compared with the keys read
   */
  public KafkaCheckpointManager(KafkaSystem system, JobIdentity job, String grouperFactory) {
    this(system, job, grouperFactory, Optional.empty());
  }

  /**
   * As {@link #KafkaCheckpointManager(KafkaSystem, JobIdentity, String)} with the replication
   * factor of a new checkpoint topic.
   *
   * @param system the system holding the checkpoint topic
   * @param job the job, which names the topic
   * @param grouperFactory the job's SSP grouper factory class
   * @param replicationFactor replication factor of a new topic; empty for the cluster's default
   */
  public KafkaCheckpointManager(KafkaSystem system, JobIdentity job, String grouperFactory,
      Optional<Short> replicationFactor) {
    this.system = system;
    this.job = job;
    this.grouperFactory = grouperFactory;
    this.topic = job.checkpointTopic();
    this.replicationFactor = replicationFactor;
    this.partition = new TopicPartition(topic, 0);
  }

  /**
   * The manager the job's checkpoint settings ask for.
   *
   * @param settings the job's checkpoint settings
   * @param systems the job's systems
   * @param grouperFactory the job's SSP grouper factory class (from the job model)
   * @return a manager, not yet started
   * @throws ConfigException naming {@code systems.<s>} if the checkpoint system is not configured
   */
  public static KafkaCheckpointManager create(CheckpointSettings settings, KafkaSystems systems,
      String grouperFactory) {
    return new KafkaCheckpointManager(systems.get(settings.system()), settings.job(), grouperFactory,
        settings.replicationFactor());
  }

  /**
   * The checkpoint topic's name.
   *
   * @return {@code __strand-checkpoint-<job.name>-<job.id>}
   */
  public String topic() {
    return topic;
  }

  /**
   * Whether the checkpoint topic exists.
   *
   * @return true if the topic exists on the checkpoint system
   * @throws IllegalStateException if Kafka does not answer
   */
  @Override
  public boolean exists() {
    return admin().describe(topic).isPresent();
  }

  /**
   * Creates the checkpoint topic when it is missing, checks an existing one, and opens the producer.
   *
   * @throws ConfigException naming the system and the topic if the existing topic is not
   *     compacted or has more than one partition
   * @throws IllegalStateException if Kafka does not answer
   */
  @Override
  public synchronized void start() {
    if (producer != null) {
      return;
    }
    TopicAdmin admin = admin();
    boolean created = admin.ensureTopic(topic, 1, replicationFactor, Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.SEGMENT_BYTES_CONFIG, SEGMENT_BYTES));
    if (!created) {
      validate(admin);
    }
    // write() waits for each record alone: lingering would only add latency. The compression stays
    // the system's: a second codec in the same JVM made the JIT deoptimize the output producer's
    // append path at the first checkpoint, mid-run.
    producer = system.newProducer(clientId("checkpoint-producer"), Map.of(ProducerConfig.LINGER_MS_CONFIG, "0"));
    LOG.info("Checkpoints of job {}-{} are in topic '{}' on system '{}' ({})",
        job.name(), job.id(), topic, system.name(), system.bootstrapServers());
  }

  private void validate(TopicAdmin admin) {
    Optional<TopicDescription> description = admin.describe(topic);
    int partitions = description.map(d -> d.partitions().size()).orElse(1);
    if (partitions != 1) {
      throw unusable("has " + partitions + " partitions; a checkpoint topic must have exactly 1");
    }
    String policy = admin.topicConfigs(topic).getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
    List<String> policies = Arrays.stream(policy.split(",")).map(String::trim).toList();
    if (!policies.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      throw unusable("has cleanup.policy=" + policy + "; a checkpoint topic must be compacted (cleanup.policy=compact)"
          + " or retention would delete the checkpoints of idle tasks");
    }
    if (policies.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
      LOG.warn("Checkpoint topic '{}' has cleanup.policy={}: retention may delete the checkpoint of a task that has"
          + " not committed within retention.ms; use cleanup.policy=compact", topic, policy);
    }
  }

  private ConfigException unusable(String what) {
    return new ConfigException(new ConfigProblem("", "Kafka system '" + system.name() + "' ("
        + system.bootstrapServers() + ")", "the existing checkpoint topic '" + topic + "' " + what
        + "; fix or delete the topic, or use another job.id"));
  }

  /**
   * Reads the whole topic up to the end offset taken when the read starts (committed records only,
   * so a checkpoint written in an aborted transaction is never used).
   *
   * <p>Works without {@link #start()} (for tools and tests); a missing topic then means no checkpoints.
   *
   * @return the newest checkpoint of each task that has one
   * @throws IllegalStateException if a record was written under another SSP grouper (naming both),
   *     a record is malformed or of a newer format (naming its offset), or the read stalls for 60 s
   */
  @Override
  public Map<TaskName, Checkpoint> readLastCheckpoints() {
    return readLastCheckpoints(false, READ_STALL_TIMEOUT_MS);
  }

  /**
   * Reads the whole topic, committed records only, as {@link #readLastCheckpoints()}, optionally
   * past transactions still open on it. Under exactly-once the job's containers write checkpoints
   * in transactions: a {@code read_committed} reader's end is the first offset of the oldest open
   * one, and a committed checkpoint may lie behind it. With {@code pastOpenTransactions} the read
   * goes on to the high watermark taken at its start, waiting for those transactions to commit or
   * abort.
   *
   * @param pastOpenTransactions read to the high watermark rather than the last stable offset
   * @param stallTimeoutMs how long the read may make no progress before it fails, in ms
   * @return the newest checkpoint of each task that has one
   * @throws IllegalStateException as {@link #readLastCheckpoints()}, or if the read stalls for
   *     {@code stallTimeoutMs}
   */
  public Map<TaskName, Checkpoint> readLastCheckpoints(boolean pastOpenTransactions, long stallTimeoutMs) {
    boolean started;
    synchronized (this) {
      started = producer != null;
    }
    if (!started) {
      // A reader (a tool, a test) need not start: only then may the topic be missing.
      if (admin().describe(topic).isEmpty()) {
        return Map.of();
      }
    }
    Map<TaskName, Checkpoint> newest = new TreeMap<>();
    long records = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = system.newConsumer(clientId("checkpoint-reader"), Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"))) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = pastOpenTransactions ? highWatermark() : consumer.endOffsets(List.of(partition)).get(partition);
      long lastProgress = System.currentTimeMillis();
      long lastPosition = -1;
      while (consumer.position(partition) < end) {
        var batch = consumer.poll(Duration.ofMillis(200));
        long position = consumer.position(partition);
        if (!batch.isEmpty() || position != lastPosition) {
          lastProgress = System.currentTimeMillis();
          lastPosition = position;
        } else if (System.currentTimeMillis() - lastProgress > stallTimeoutMs) {
          throw new IllegalStateException("reading checkpoint topic '" + topic + "' stalled at offset "
              + position + " of " + end + " for " + stallTimeoutMs + " ms"
              + (pastOpenTransactions ? " (a transaction open on it did not end)" : ""));
        }
        for (ConsumerRecord<byte[], byte[]> record : batch.records(partition)) {
          if (record.offset() >= end) {
            break;
          }
          apply(record, newest);
          records++;
        }
      }
    }
    LOG.info("Read {} checkpoint record(s) of job {}-{} from '{}': {} task(s) have a checkpoint",
        records, job.name(), job.id(), topic, newest.size());
    return newest;
  }

  private long highWatermark() {
    try (KafkaConsumer<byte[], byte[]> consumer = system.newConsumer(clientId("checkpoint-end"), Map.of(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false"))) {
      return consumer.endOffsets(List.of(partition)).get(partition);
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> record, Map<TaskName, Checkpoint> newest) {
    if (record.key() == null) {
      throw malformed(record, "has no key");
    }
    CheckpointJson.Key key;
    try {
      key = CheckpointJson.readKey(record.key());
    } catch (IllegalArgumentException e) {
      throw malformed(record, e.getMessage());
    }
    if (!CheckpointJson.TYPE_CHECKPOINT.equals(key.type())) {
      return; // another record type, written by a newer Strand; not ours to read
    }
    if (!key.grouper().equals(grouperFactory)) {
      throw new IllegalStateException("checkpoint topic '" + topic + "' holds a checkpoint of task '" + key.task()
          + "' written with SSP grouper " + key.grouper() + ", but the job now uses " + grouperFactory
          + ". The grouper of a job must not change (checkpoints are keyed by task name): set"
          + " job.systemstreampartition.grouper.factory back to " + key.grouper()
          + ", or start over with a new job.id");
    }
    TaskName task = new TaskName(key.task());
    if (record.value() == null) {
      newest.remove(task);
      return;
    }
    try {
      newest.put(task, CheckpointJson.readValue(task, record.value()));
    } catch (IllegalArgumentException e) {
      throw malformed(record, e.getMessage());
    }
  }

  private IllegalStateException malformed(ConsumerRecord<byte[], byte[]> record, String what) {
    return new IllegalStateException("checkpoint record at offset " + record.offset() + " of topic '" + topic
        + "' " + what);
  }

  /**
   * Sends the checkpoints, then waits for every acknowledgement (one partition, so they land in
   * order).
   *
   * @param checkpoints the checkpoints
   * @throws IllegalStateException if not started, or a write fails (naming task and topic); the
   *     caller must treat the commit as failed
   */
  @Override
  public void write(List<Checkpoint> checkpoints) {
    KafkaProducer<byte[], byte[]> p;
    synchronized (this) {
      p = producer;
    }
    if (p == null) {
      throw new IllegalStateException("checkpoint manager of '" + topic + "' is not started (or closed)");
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(checkpoints.size());
    for (Checkpoint checkpoint : checkpoints) {
      acks.add(p.send(toRecord(checkpoint)));
    }
    for (int i = 0; i < acks.size(); i++) {
      TaskName task = checkpoints.get(i).taskName();
      try {
        acks.get(i).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("writing the checkpoint of task '" + task + "' to topic '"
            + topic + "' failed: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted writing the checkpoint of task '" + task + "'", e);
      }
    }
  }

  /**
   * The record {@link #write(List)} sends for a checkpoint, for a caller that writes the checkpoint with its own
   * producer (in exactly-once mode, inside the transaction of the outputs it covers).
   *
   * @param checkpoint the checkpoint
   * @return the record for partition 0 of {@link #topic()}
   */
  public ProducerRecord<byte[], byte[]> toRecord(Checkpoint checkpoint) {
    return new ProducerRecord<>(topic, 0, CheckpointJson.key(checkpoint.taskName(), grouperFactory),
        CheckpointJson.value(checkpoint));
  }

  @Override
  public synchronized void close() {
    if (producer != null) {
      producer.close();
      producer = null;
    }
    if (admin != null) {
      admin.close();
      admin = null;
    }
  }

  // Made on first use; thread-safe once made (the admin client is).
  private synchronized TopicAdmin admin() {
    if (admin == null) {
      admin = new TopicAdmin(system, clientId("checkpoint-admin"));
    }
    return admin;
  }

  // Unique per instance: several containers of one job may share a JVM, and Kafka registers an
  // MBean per client id.
  private String clientId(String purpose) {
    return job.clientId(purpose + "-" + instance);
  }
}
