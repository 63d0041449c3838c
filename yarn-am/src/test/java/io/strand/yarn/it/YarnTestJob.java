package io.strand.yarn.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.CoordinatorSettings;
import io.strand.container.coordinator.CoordinatorStream;
import io.strand.container.coordinator.JobModels;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import io.strand.yarn.YarnJob;
import io.strand.yarn.YarnJobFactory;
import io.strand.yarn.client.YarnApplications;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of the {@link CountTask} job on the test YARN: its topics, input ({@code records} keys
 * {@code k<n>} out of {@code keys}, chosen with a fixed seed, key {@code k<n>} always in partition
 * {@code n % }{@value #PARTITIONS}), config (a RocksDB store with a Kafka changelog, its local
 * state under a directory of the test's, outside the YARN container directories), the true counts
 * (over all the input, or up to given offsets), readers of the changelog and the checkpoints, and
 * helpers to read the AM's {@code /status.json}.
 */
final class YarnTestJob {

  static final int PARTITIONS = 8;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long POLL_NANOS = 100_000_000L;

  final KafkaCluster kafka;
  final String jobName;
  final String input;
  final String changelog;
  final Path storeDir;
  /** The input's keys by partition and offset. */
  private final Map<Integer, NavigableMap<Long, String>> inputs = new TreeMap<>();
  private final Map<String, String> entries = new TreeMap<>();
  private YarnJob yarnJob;

  YarnTestJob(KafkaCluster kafka, MiniYarn yarn, Path workDir, String prefix, int records, int keys) {
    this.kafka = kafka;
    this.jobName = kafka.uniqueTopic(prefix);
    this.input = kafka.uniqueTopic(prefix + "-in");
    this.changelog = kafka.uniqueTopic(prefix + "-counts-changelog");
    this.storeDir = workDir.resolve("stores").resolve(jobName);
    kafka.client().createTopic(input, PARTITIONS);
    Random random = new Random(prefix.hashCode());
    List<ProducerRecord<String, String>> batch = new ArrayList<>();
    for (int i = 0; i < records; i++) {
      int k = random.nextInt(keys);
      String key = "k" + k;
      batch.add(new ProducerRecord<>(input, k % PARTITIONS, key, key)); // String.hashCode of "k<n>" skews partitions
    }
    List<RecordMetadata> written = kafka.client().produce(batch); // in the order of the batch
    for (int i = 0; i < records; i++) {
      RecordMetadata m = written.get(i);
      inputs.computeIfAbsent(m.partition(), p -> new TreeMap<>()).put(m.offset(), batch.get(i).value());
    }
    entries.put("job.name", jobName);
    entries.put("job.container.count", "2");
    entries.put("job.factory.class", YarnJobFactory.class.getName());
    entries.put("job.logged.store.base.dir", storeDir.toString());
    entries.put("job.non-logged.store.base.dir", workDir.resolve("non-logged-stores").resolve(jobName).toString());
    entries.put("task.class", CountTask.class.getName());
    entries.put("task.inputs", "kafka." + input);
    entries.put("task.commit.ms", "200");
    entries.put("task.shutdown.ms", "10000");
    entries.put("stores." + CountTask.STORE + ".factory", "io.strand.kv.RocksDbStoreFactory");
    entries.put("stores." + CountTask.STORE + ".key.serde", "string");
    entries.put("stores." + CountTask.STORE + ".msg.serde", "string");
    entries.put("stores." + CountTask.STORE + ".changelog", "kafka." + changelog);
    entries.put("strand.container.rocksdb.memory.bytes", String.valueOf(16L * 1024 * 1024));
    // A local snapshot at every commit, so a restart after a kill replays only what followed the last one.
    entries.put("strand.container.store.snapshot.interval.ms", "0");
    TestJobConfigs.putStringKafkaSystem(entries, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(entries, input);
    entries.put("strand.yarn.classpath", yarn.classpath());
    entries.put("strand.yarn.staging.dir", workDir.resolve("staging").toUri().toString());
    entries.put("cluster-manager.container.memory.mb", "384");
    entries.put("yarn.am.container.memory.mb", "384");
    // The per-instance restore lines (DEBUG) are read from the containers' logs by the tests.
    entries.put("task.opts", "-Xmx160m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
        + " -Dlog4j2.configurationFile=log4j2-restore-lines.xml");
    entries.put("yarn.am.opts", "-Xmx200m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  }

  YarnTestJob with(String key, String value) {
    if (value == null) {
      entries.remove(key);
    } else {
      entries.put(key, value);
    }
    return this;
  }

  Config config() {
    return Config.of(entries);
  }

  YarnJob submit(MiniYarn yarn) {
    yarnJob = new YarnJob(config(), yarn.conf());
    yarnJob.submit();
    return yarnJob;
  }

  /** The true count of every key over all the input. */
  Map<String, String> expectedCounts() {
    Map<Integer, Long> all = new TreeMap<>();
    inputs.forEach((p, keys) -> all.put(p, keys.lastKey()));
    return expectedCounts(all);
  }

  /** The true count of every key over the input up to and including each partition's given offset. */
  Map<String, String> expectedCounts(Map<Integer, Long> lastOffsets) {
    Map<String, Long> counts = new TreeMap<>();
    lastOffsets.forEach((p, last) -> inputs.getOrDefault(p, new TreeMap<>()).headMap(last, true).values()
        .forEach(k -> counts.merge(k, 1L, Long::sum)));
    Map<String, String> m = new TreeMap<>();
    counts.forEach((k, v) -> m.put(k, String.valueOf(v)));
    return m;
  }

  /** Each input partition's last offset. */
  Map<Integer, Long> lastInputOffsets() {
    Map<Integer, Long> last = new TreeMap<>();
    inputs.forEach((p, keys) -> last.put(p, keys.lastKey()));
    return last;
  }

  /** Input records in the given partitions. */
  long inputRecords(Collection<Integer> partitions) {
    return partitions.stream().mapToLong(p -> inputs.getOrDefault(p, new TreeMap<>()).size()).sum();
  }

  /** The store's contents as the changelog holds them: the latest value of each key. */
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

  /** Records written to the changelog partitions so far (end offsets summed). */
  long changelogRecords(Collection<Integer> partitions) {
    try (Admin admin = kafka.client().admin()) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      partitions.forEach(p -> request.put(new TopicPartition(changelog, p), OffsetSpec.latest()));
      return admin.listOffsets(request).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    } catch (ExecutionException e) {
      return 0; // the container has not created the changelog topic yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The last checkpointed input offset of each partition that has one. */
  Map<Integer, Long> checkpointedOffsets() {
    Config config = config();
    Map<Integer, Long> offsets = new TreeMap<>();
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config),
        GroupByPartitionFactory.class.getName())) {
      checkpoints.start();
      for (Checkpoint c : checkpoints.readLastCheckpoints().values()) {
        for (Map.Entry<SystemStreamPartition, Long> e : c.inputOffsets().entrySet()) {
          offsets.put(e.getKey().partition().id(), e.getValue());
        }
      }
    }
    return offsets;
  }

  /** The node each container last started on, as the AM recorded it in the coordinator topic. */
  Map<String, String> recordedHosts() {
    Config config = config();
    try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config),
        new KafkaSystems(config))) {
      return new TreeMap<>(coordinator.readContainerHosts());
    }
  }

  /** The tasks of a container, as the job model the AM published says. */
  List<TaskModel> tasksOf(String containerId) {
    return JobModels.readLatest(config()).container(containerId).orElseThrow().tasks();
  }

  /** The changelog partitions of a container's tasks. */
  List<Integer> changelogPartitionsOf(String containerId) {
    return tasksOf(containerId).stream().map(t -> t.changelogPartition().id()).toList();
  }

  /** The input partitions of a container's tasks. */
  List<Integer> inputPartitionsOf(String containerId) {
    return tasksOf(containerId).stream().flatMap(t -> t.inputs().stream()).map(s -> s.partition().id()).toList();
  }

  /** Polls until the condition holds. */
  static void await(String what, BooleanSupplier condition, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeoutMs + " ms: " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** The application's id. */
  String applicationId() {
    return yarnJob.applicationId().orElseThrow().toString();
  }

  /** The current AM attempt's base URL, once it registered (a new attempt has a new one). */
  Optional<URI> amUrl() {
    ApplicationReport report = yarnJob.report();
    return YarnApplications.amUrl(report);
  }

  /** The AM's current {@code /status.json}, or empty while it cannot be reached. */
  Optional<JsonNode> status() {
    Optional<URI> am = amUrl();
    if (am.isEmpty()) {
      return Optional.empty();
    }
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(am.get().resolve("status.json"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(MAPPER.readTree(response.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A GET of a URL on this host (the AM's page, a container's metrics endpoint), or empty while it cannot be read. */
  static Optional<String> fetch(URI url) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Polls {@code /status.json} until the condition holds. */
  JsonNode awaitStatus(String what, Predicate<JsonNode> condition, long timeoutMs) {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      Optional<JsonNode> status = status();
      if (status.isPresent()) {
        last = status.get();
        if (condition.test(last)) {
          return last;
        }
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new AssertionError("within " + timeoutMs + " ms: " + what + "; last status: " + last);
  }

  static JsonNode container(JsonNode status, String id) {
    for (JsonNode c : status.path("containers")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new AssertionError("no container " + id + " in " + status);
  }

  static boolean allRunning(JsonNode status) {
    for (JsonNode c : status.path("containers")) {
      if (!c.path("state").asText().startsWith("RUNNING")) {
        return false;
      }
    }
    return status.path("containers").size() > 0;
  }
}
