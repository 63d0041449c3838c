package io.strand.changelog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.changelog.restore.RestoreResult;
import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.container.TaskName;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One container's storage lifetime against the real broker, as the container drives it: start
 * (validate, restore), commits (flush caches, producer flush, persist), and close with or without
 * a final commit (a crash).
 */
final class TestContainer implements AutoCloseable {

  final KafkaProducer<byte[], byte[]> producer;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final ContainerStorage storage;
  /** Restore consumers the storage asked for so far. */
  final AtomicInteger restoreConsumers = new AtomicInteger();
  private final int taskCount;
  private final List<TaskName> tasks;

  TestContainer(KafkaCluster kafka, Config config, Path baseDir, List<TaskStorage> tasks, int taskCount) {
    this(kafka, config, baseDir, tasks, taskCount, Map.of(), 0);
  }

  TestContainer(KafkaCluster kafka, Config config, Path baseDir, List<TaskStorage> tasks, int taskCount,
      Map<String, Object> producerOverrides, int restoreThreads) {
    this.taskCount = taskCount;
    this.tasks = tasks.stream().map(TaskStorage::task).toList();
    this.producer = kafka.client().producer(new ByteArraySerializer(), new ByteArraySerializer(), producerOverrides);
    this.storage = ContainerStorage.builder(settings(config, baseDir, restoreThreads), "0")
        .tasks(tasks)
        .clients(counting(KafkaChangelogClients.singleCluster(kafka.bootstrapServers(), producer)))
        .meterRegistry(registry)
        .build();
  }

  /** The real clients, counting the restore consumers made through them. */
  private ChangelogClients counting(ChangelogClients real) {
    return new ChangelogClients() {
      @Override
      public Producer<byte[], byte[]> producer(String system) {
        return real.producer(system);
      }

      @Override
      public Consumer<byte[], byte[]> newConsumer(String system, Map<String, Object> overrides) {
        restoreConsumers.incrementAndGet();
        return real.newConsumer(system, overrides);
      }

      @Override
      public Admin newAdmin(String system) {
        return real.newAdmin(system);
      }
    };
  }

  /** The job's settings as a container resolves them, with the store dirs under {@code baseDir} and 16 MiB of RocksDB memory. */
  static StorageSettings settings(Config config, Path baseDir, int restoreThreads) {
    StorageSettings s = StorageSettings.fromConfig(config, new JobConfig(config).getName(), new JobConfig(config).getId());
    return new StorageSettings(s.jobName(), s.jobId(), baseDir.resolve("logged"), baseDir.resolve("non-logged"),
        s.restoreIsolation(), restoreThreads > 0 ? restoreThreads : s.restoreThreads(), s.snapshotIntervalMs(),
        s.commitMs(), 16L * 1024 * 1024, s.stores());
  }

  List<RestoreResult> start(Map<TaskName, Map<String, Long>> checkpoint) {
    storage.validateOrCreateChangelogs(taskCount);
    return storage.restoreAll(checkpoint);
  }

  @SuppressWarnings("unchecked")
  KeyValueStore<String, String> store(TaskName task, String store) {
    return (KeyValueStore<String, String>) (KeyValueStore<?, ?>) storage.store(task, store);
  }

  /** The container's commit of every task: phase 1, producer flush, phase 2; returns what the checkpoints would hold. */
  Map<TaskName, Map<String, Long>> commit() {
    return commit(tasks);
  }

  /** The container's final commit of some tasks only, as at one task's end of input. */
  Map<TaskName, Map<String, Long>> commit(List<TaskName> which) {
    return commit(which, true);
  }

  /** A commit of some tasks; {@code finalCommit} false is a periodic commit (snapshots by interval). */
  Map<TaskName, Map<String, Long>> commit(List<TaskName> which, boolean finalCommit) {
    storage.flushCaches(which);
    producer.flush();
    return storage.persistAfterFlush(which, finalCommit);
  }

  Map<String, String> contents(TaskName task, String store) {
    Map<String, String> out = new TreeMap<>();
    try (KeyValueIterator<String, String> it = store(task, store).all()) {
      while (it.hasNext()) {
        Entry<String, String> e = it.next();
        out.put(e.key(), e.value());
      }
    }
    return out;
  }

  double counter(String name, String store, TaskName task) {
    var counter = registry.find(name).tag("store", store).tag("task", task.name()).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Closes without committing: what a crash leaves behind once the producer's pending sends land. */
  @Override
  public void close() {
    try {
      storage.close();
    } finally {
      producer.close();
    }
  }

  static Map<TaskName, Map<String, Long>> checkpoint(TaskName task, String store, long offset) {
    Map<TaskName, Map<String, Long>> c = new HashMap<>();
    c.put(task, Map.of(store, offset));
    return c;
  }
}
