package io.strand.container.runloop;

import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strand.Partition;
import io.strand.config.Config;
import io.strand.container.TaskName;
import io.strand.container.assembly.StreamContainer;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Runs a {@link StreamContainer} against the test broker, with a job model built by partition. */
final class ContainerHarness {

  static final String GROUPER = "io.strand.container.grouper.GroupByPartitionFactory";
  private static final AtomicInteger JOBS = new AtomicInteger();
  /** Events recorded by test tasks, per job name. */
  static final Map<String, ConcurrentLinkedQueue<String>> EVENTS = new ConcurrentHashMap<>();

  private ContainerHarness() {
  }

  static String jobName(String prefix) {
    return prefix + "-" + JOBS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  static ConcurrentLinkedQueue<String> events(String job) {
    return EVENTS.computeIfAbsent(job, j -> new ConcurrentLinkedQueue<>());
  }

  static List<String> eventsStartingWith(String job, String prefix) {
    return events(job).stream().filter(e -> e.startsWith(prefix)).toList();
  }

  /** A job config on the test broker: oldest offsets, short intervals unless overridden. */
  static Config config(KafkaCluster kafka, String job, Class<?> task, String inputs, String... extra) {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", job);
    m.put("job.id", "1");
    m.put("task.class", task.getName());
    m.put("task.inputs", inputs);
    m.put("task.commit.ms", "60000");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    for (int i = 0; i + 1 < extra.length; i += 2) {
      m.put(extra[i], extra[i + 1]);
    }
    return Config.of(m);
  }

  /** One container; task "Partition n" holds partition n of every topic that has it. */
  static JobModel model(String job, Map<String, Integer> topics) {
    int max = topics.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    List<TaskModel> tasks = new ArrayList<>();
    for (int p = 0; p < max; p++) {
      List<SystemStreamPartition> ssps = new ArrayList<>();
      for (Map.Entry<String, Integer> t : topics.entrySet()) {
        if (p < t.getValue()) {
          ssps.add(new SystemStreamPartition("kafka", t.getKey(), p));
        }
      }
      tasks.add(new TaskModel(new TaskName("Partition " + p), ssps, new Partition(p)));
    }
    return new JobModel(job, "1", GROUPER, List.of(new ContainerModel("0", tasks)));
  }

  /** A container running on its own thread. */
  static final class Running {
    final StreamContainer container;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final MeterRegistry registry;
    /** Every meter ever registered, kept after the container removes them on stop. */
    final List<io.micrometer.core.instrument.Meter> meters = new java.util.concurrent.CopyOnWriteArrayList<>();

    Running(Config config, JobModel model, MeterRegistry registry) {
      this(config, model, "0", registry);
    }

    Running(Config config, JobModel model, String containerId, MeterRegistry registry) {
      this.registry = registry;
      registry.config().onMeterAdded(meters::add);
      this.container = new StreamContainer(config, model, containerId, registry);
      Thread t = new Thread(() -> {
        try {
          container.run();
          done.complete(null);
        } catch (Throwable e) {
          done.completeExceptionally(e);
        }
      }, "test-container");
      t.setDaemon(true);
      t.start();
    }

    /** Waits for run() to return normally. */
    void awaitClean(Duration timeout) throws Exception {
      try {
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        container.stop();
        fail("container did not stop within " + timeout);
      }
    }

    /** Waits for run() to throw, and returns what it threw. */
    Throwable awaitFailure(Duration timeout) throws Exception {
      try {
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (TimeoutException e) {
        container.stop();
        fail("container did not fail within " + timeout);
      }
      return fail("container stopped cleanly; expected a failure");
    }

    /** The count of a counter registered while the container ran. */
    double counter(String name) {
      return meters.stream().filter(m -> m.getId().getName().equals(name))
          .mapToDouble(m -> ((io.micrometer.core.instrument.Counter) m).count()).sum();
    }

    /** The count of a counter with one tag value, registered while the container ran. */
    double counter(String name, String tag, String value) {
      return meters.stream().filter(m -> m.getId().getName().equals(name) && value.equals(m.getId().getTag(tag)))
          .mapToDouble(m -> ((io.micrometer.core.instrument.Counter) m).count()).sum();
    }

    void stopAndAwait() throws Exception {
      container.stop();
      awaitClean(Duration.ofSeconds(30));
    }
  }

  static Running start(Config config, JobModel model) {
    return new Running(config, model, new SimpleMeterRegistry());
  }

  static Running start(Config config, JobModel model, String containerId) {
    return new Running(config, model, containerId, new SimpleMeterRegistry());
  }

  static Map<TaskName, Checkpoint> checkpoints(Config config, String job) {
    try (KafkaCheckpointManager m = new KafkaCheckpointManager(new KafkaSystems(config).get("kafka"),
        new JobIdentity(job, "1"), GROUPER)) {
      m.start();
      return m.readLastCheckpoints();
    }
  }

  static Optional<Long> checkpointed(Config config, String job, String task, String topic, int partition) {
    Checkpoint c = checkpoints(config, job).get(new TaskName(task));
    return c == null ? Optional.empty()
        : Optional.ofNullable(c.inputOffsets().get(new SystemStreamPartition("kafka", topic, partition)));
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out after " + timeout + " waiting for " + what);
      }
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }
}
