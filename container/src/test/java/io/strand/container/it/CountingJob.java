package io.strand.container.it;

import io.strand.changelog.local.StoreDirLayout;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.testjobs.CountingTask;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One run of the {@link CountingTask} job for a stateful end-to-end test: its input (keys dealt to
 * partitions by the test, so each key lives in one task; some messages delete a key), the true
 * counts computed from that input, its config (a RocksDB store with a changelog), and readers for
 * its checkpoints and for the store's contents as the changelog holds them.
 */
final class CountingJob {

  final KafkaCluster kafka;
  final String jobName;
  final String input;
  final String changelog;
  final int partitions;
  final Path workDir;
  final Path storeDir;
  private final Map<String, Long> expected = new HashMap<>();
  private final Map<String, String> extra = new HashMap<>();
  private final java.util.Set<String> removed = new java.util.HashSet<>();
  private long messages;

  /** The local state directory of a task's instance of {@link CountingTask#STORE}. */
  Path instanceDir(TaskName task) {
    return new StoreDirLayout(storeDir, jobName, JobConfig.DEFAULT_JOB_ID).instanceDir(CountingTask.STORE, task);
  }

  CountingJob(KafkaCluster kafka, String prefix, int partitions, Path workDir) {
    this.kafka = kafka;
    this.jobName = kafka.uniqueTopic(prefix);
    this.input = kafka.uniqueTopic(prefix + "-in");
    this.changelog = kafka.uniqueTopic(prefix + "-counts-changelog");
    this.partitions = partitions;
    this.workDir = workDir;
    this.storeDir = workDir.resolve("stores");
    kafka.client().createTopic(input, partitions);
  }

  /**
   * Produces {@code count} messages over {@code keys} keys, chosen at random with a fixed seed;
   * about one in {@code deleteEvery} deletes a key instead (0: never).
   */
  CountingJob produceRandom(long count, int keys, int deleteEvery, long seed) {
    Random random = new Random(seed);
    try (KafkaProducer<String, String> producer = kafka.client().stringProducer()) {
      for (long i = 0; i < count; i++) {
        String key = "k" + random.nextInt(keys);
        boolean delete = deleteEvery > 0 && random.nextInt(deleteEvery) == 0;
        send(producer, key, delete);
      }
      producer.flush();
    }
    return this;
  }

  /** Produces the given messages, in order: a key counts it, {@code delete:<key>} deletes it. */
  CountingJob produce(Iterable<String> values) {
    try (KafkaProducer<String, String> producer = kafka.client().stringProducer()) {
      for (String v : values) {
        boolean delete = v.startsWith(CountingTask.DELETE);
        send(producer, delete ? v.substring(CountingTask.DELETE.length()) : v, delete);
      }
      producer.flush();
    }
    return this;
  }

  private void send(KafkaProducer<String, String> producer, String key, boolean delete) {
    producer.send(new ProducerRecord<>(input, partitionOf(key), key, delete ? CountingTask.DELETE + key : key));
    if (delete) {
      expected.remove(key);
    } else {
      expected.merge(key, 1L, Long::sum);
    }
    messages++;
  }

  int partitionOf(String key) {
    return Math.floorMod(key.hashCode(), partitions);
  }

  long messages() {
    return messages;
  }

  /** The true count of every key after all the input, deleted keys absent. */
  Map<String, String> expectedCounts() {
    Map<String, String> m = new TreeMap<>();
    expected.forEach((k, v) -> m.put(k, String.valueOf(v)));
    return m;
  }

  CountingJob with(String key, String value) {
    extra.put(key, value);
    return this;
  }

  CountingJob withAll(Map<String, String> entries) {
    extra.putAll(entries);
    return this;
  }

  CountingJob without(String key) {
    removed.add(key);
    return this;
  }

  Config config(String factoryClass) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", jobName);
    m.put("job.container.count", "1");
    m.put("job.factory.class", factoryClass);
    m.put("job.logged.store.base.dir", storeDir.toString());
    m.put("job.non-logged.store.base.dir", workDir.resolve("non-logged-stores").toString());
    m.put("task.class", CountingTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "500");
    m.put("task.shutdown.ms", "10000");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, input);
    m.put("stores.counts.factory", "io.strand.kv.RocksDbStoreFactory");
    m.put("stores.counts.key.serde", "string");
    m.put("stores.counts.msg.serde", "string");
    m.put("stores.counts.changelog", "kafka." + changelog);
    m.put("strand.container.rocksdb.memory.bytes", String.valueOf(32L * 1024 * 1024));
    // A local snapshot at every commit, so a restart after a kill replays only what followed the last one.
    m.put("strand.container.store.snapshot.interval.ms", "0");
    m.put("strand.process.work.dir", workDir.toString());
    // The container log then has each store instance's restore line (DEBUG), which RestoreLogLines reads.
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
        + " -Dlog4j2.configurationFile=log4j2-restore-lines.xml");
    m.putAll(extra);
    m.keySet().removeAll(removed);
    return Config.of(m);
  }

  /** The store's contents as a restarted container would restore them: the latest value per key. */
  Map<String, String> changelogContents() {
    Map<String, String> contents = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : kafka.client().readAllBytes(changelog)) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        contents.remove(key);
      } else {
        contents.put(key, new String(r.value(), StandardCharsets.UTF_8));
      }
    }
    return contents;
  }

  /** Every task's last checkpoint. */
  static Map<TaskName, Checkpoint> checkpoints(Config config) {
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config),
        GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      return new TreeMap<>(checkpoints.readLastCheckpoints());
    }
  }

  /** The sum over every task of its last checkpointed input offset + 1: messages durably processed. */
  static long checkpointedMessages(Map<TaskName, Checkpoint> checkpoints) {
    return checkpoints.values().stream().flatMap(c -> c.inputOffsets().values().stream()).mapToLong(o -> o + 1).sum();
  }
}
