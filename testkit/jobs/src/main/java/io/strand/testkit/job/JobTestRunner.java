package io.strand.testkit.job;

import io.strand.config.Config;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.container.validate.ContainerChecks;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Runs a job's task against a real broker in a few lines, as Kafka Streams'
 * {@code TopologyTestDriver} does without one:
 *
 * <pre>{@code
 * JobTestResult result = JobTestRunner.forTask(WordCountTask.class, kafka)
 *     .config("stores.counts.factory", "io.strand.kv.RocksDbStoreFactory")
 *     .config("stores.counts.changelog", "kafka.counts-changelog")
 *     .input("lines", 2, List.of(TestRecord.of(null, "a b a")))
 *     .runToEnd(Duration.ofSeconds(60));
 * assertEquals("2", result.store("counts").get("a"));
 * }</pre>
 *
 * <p>The runner creates the input topics, produces the records, fills in what a test should not
 * have to write (a unique {@code job.name}, the system {@code kafka} with the broker's bootstrap
 * servers, {@code task.class}, {@code task.inputs}, temporary {@code job.logged.store.base.dir} and
 * {@code job.non-logged.store.base.dir}, a 1000 ms commit interval, the local thread runner), validates the config as {@code run-job}
 * would, and runs the job in this JVM. Inputs are bounded for {@link #runToEnd}, so the job ends by
 * itself after a final commit; {@link #runUntil} leaves them open and stops the job once a condition
 * on its outputs holds. Settings given with {@link #config} win over the runner's.
 *
 * <p>Threading: build and run from one thread; one runner runs one job once.
 */
public final class JobTestRunner {

  private static final String SYSTEM = "kafka";

  private final KafkaCluster kafka;
  private final Map<String, String> config = new LinkedHashMap<>();
  private final Map<String, Integer> inputPartitions = new LinkedHashMap<>();
  private final List<ProducerRecord<String, String>> records = new ArrayList<>();

  private JobTestRunner(Class<?> taskClass, String classKey, KafkaCluster kafka) {
    this.kafka = kafka;
    config.put("job.name", "test-" + taskClass.getSimpleName() + "-" + UUID.randomUUID().toString().substring(0, 8));
    config.put(classKey, taskClass.getName());
    config.put("task.commit.ms", "1000");
    config.put("job.factory.class", ThreadJobFactory.class.getName());
    config.put("systems." + SYSTEM + ".producer.bootstrap.servers", kafka.bootstrapServers());
    config.put("systems." + SYSTEM + ".samza.offset.default", "oldest");
  }

  /**
   * A runner for one task class.
   *
   * @param taskClass a {@code StreamTask} or {@code AsyncStreamTask} with a public no-argument
   *     constructor
   * @param kafka the test's broker, from {@code @RealKafka}
   * @return the runner
   */
  public static JobTestRunner forTask(Class<?> taskClass, KafkaCluster kafka) {
    return new JobTestRunner(taskClass, "task.class", kafka);
  }

  /**
   * A runner for an application named by {@code app.class}: a {@code TaskApplication}, or a
   * {@code StreamApplication} of the streams API (with {@code strand-streams} on the class path).
   * The application's {@code describe} gives the inputs (the runner's {@code task.inputs} default is
   * not set) and the other keys it stands for, resolved before validation as the config loader
   * does; inputs added with {@link #input} are still created and produced.
   *
   * @param applicationClass the application class, with a public no-argument constructor
   * @param kafka the test's broker, from {@code @RealKafka}
   * @return the runner
   */
  public static JobTestRunner forApplication(Class<?> applicationClass, KafkaCluster kafka) {
    return new JobTestRunner(applicationClass, ApplicationLoader.APP_CLASS, kafka);
  }

  /**
   * Sets one configuration entry; it wins over the runner's defaults.
   *
   * @param key the key, for example {@code stores.counts.factory}
   * @param value the value
   * @return this runner
   */
  public JobTestRunner config(String key, String value) {
    config.put(key, value);
    return this;
  }

  /**
   * Sets several configuration entries; they win over the runner's defaults.
   *
   * @param entries the entries
   * @return this runner
   */
  public JobTestRunner config(Map<String, String> entries) {
    config.putAll(entries);
    return this;
  }

  /**
   * Adds an input stream on system {@code kafka}: the topic is created with the given partitions
   * and the records are produced to it, in order, before the job starts.
   *
   * @param topic the topic, which is also the stream name
   * @param partitions the partition count, at least 1
   * @param input the records
   * @return this runner
   */
  public JobTestRunner input(String topic, int partitions, List<TestRecord> input) {
    inputPartitions.merge(topic, partitions, Math::max);
    for (TestRecord r : input) {
      records.add(new ProducerRecord<>(topic, r.partition() < 0 ? null : r.partition(), r.key(), r.value()));
    }
    return this;
  }

  /**
   * Runs the job until every input has been processed to the end offset it had at start, then
   * returns after the job's final commit.
   *
   * @param deadline how long the run may take
   * @return the result
   * @throws AssertionError if the job has not ended by the deadline (it is stopped first)
   */
  public JobTestResult runToEnd(Duration deadline) {
    for (String topic : inputPartitions.keySet()) {
      config.putIfAbsent("systems." + SYSTEM + ".streams." + topic + ".strand.bounded", "true");
    }
    return run(deadline, null);
  }

  /**
   * Runs the job until a condition on its results holds, then stops it gracefully (final commit,
   * {@code close()} on tasks).
   *
   * @param condition checked about every 200 ms against the outputs and stores so far
   * @param deadline how long the run may take
   * @return the result, with status KILLED when the condition stopped the job
   * @throws AssertionError if the condition does not hold by the deadline, or the job ends first
   */
  public JobTestResult runUntil(Predicate<JobTestResult> condition, Duration deadline) {
    return run(deadline, condition);
  }

  private JobTestResult run(Duration deadline, Predicate<JobTestResult> condition) {
    KafkaTestClient client = kafka.client();
    inputPartitions.forEach(client::createTopic);
    if (!records.isEmpty()) {
      client.produce(records);
    }
    if (!config.containsKey(ApplicationLoader.APP_CLASS)) {
      config.putIfAbsent("task.inputs", String.join(",", inputPartitions.keySet().stream()
          .map(t -> SYSTEM + "." + t).toList()));
    }
    Path storeDir = tempDir();
    config.putIfAbsent("job.logged.store.base.dir", storeDir.resolve("logged").toString());
    config.putIfAbsent("job.non-logged.store.base.dir", storeDir.resolve("non-logged").toString());
    Config jobConfig = ApplicationLoader.resolve(new Config(config, "JobTestRunner(" + config.get("job.name") + ")"));
    ContainerChecks.validator().validate(jobConfig);

    StreamJob job = new ThreadJobFactory().getJob(jobConfig);
    job.submit();
    long end = System.nanoTime() + deadline.toNanos();
    try {
      if (condition == null) {
        JobStatus status = job.waitForFinish(deadline.toMillis());
        if (status.state() == JobStatus.State.RUNNING) {
          throw new AssertionError("job " + config.get("job.name") + " did not end within " + deadline);
        }
        return new JobTestResult(status, jobConfig, client);
      }
      while (System.nanoTime() < end) {
        JobStatus status = job.waitForFinish(200);
        JobTestResult sofar = new JobTestResult(status, jobConfig, client);
        if (condition.test(sofar)) {
          job.kill();
          return new JobTestResult(job.waitForFinish(Math.max(1, (end - System.nanoTime()) / 1_000_000)), jobConfig,
              client);
        }
        if (status.state() != JobStatus.State.RUNNING) {
          throw new AssertionError("job ended with " + status + " before the condition held");
        }
      }
      throw new AssertionError("condition did not hold within " + deadline);
    } finally {
      if (job.status().state() == JobStatus.State.RUNNING) {
        job.kill();
        job.waitForFinish(30_000);
      }
      // A leftover temp dir is harmless; the test result must not depend on it.
      FileUtils.deleteQuietly(storeDir.toFile());
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("strand-jobtest-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a store directory for the test job", e);
    }
  }
}
