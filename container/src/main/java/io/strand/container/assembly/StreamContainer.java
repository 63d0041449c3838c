package io.strand.container.assembly;

import io.micrometer.core.instrument.MeterRegistry;
import io.strand.config.Config;
import io.strand.config.view.StorageConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointManager;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.ConsumerGroupOffsets;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.checkpoint.MissingCheckpoints;
import io.strand.container.checkpoint.StartingOffsets;
import io.strand.container.checkpoint.StreamStart;
import io.strand.container.errors.ContainerFailedException;
import io.strand.container.input.BadMessagePolicy;
import io.strand.container.input.InputDecoder;
import io.strand.container.input.InputOwners;
import io.strand.container.job.JobIdentity;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TopicMetadata;
import io.strand.container.metrics.ContainerMetrics;
import io.strand.container.metrics.TaskMetrics;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.container.output.OutputCollector;
import io.strand.container.output.OutputTopicSettings;
import io.strand.container.output.OutputTopics;
import io.strand.container.output.ProducerPool;
import io.strand.container.runloop.CommitParticipant;
import io.strand.container.runloop.RunLoop;
import io.strand.container.runloop.RunLoopBuilder;
import io.strand.container.runloop.RunLoopSettings;
import io.strand.container.serde.SerdeSettings;
import io.strand.container.serde.StreamSerdes;
import io.strand.container.storage.ContainerStorageAdapter;
import io.strand.container.transaction.TransactionSettings;
import io.strand.container.transaction.TransactionalCheckpoints;
import io.strand.kv.rocksdb.RocksDbContainerResources;
import io.strand.serdes.Serdes;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One container of a job: runs the tasks the job model gives it. Composes the parts in Samza's
 * start order — under exactly-once first start the transactional producer (fencing older instances
 * of the container, see {@link ProducerPool#startTransactions()}), read checkpoints, create
 * producers (and check or create the dead-letter topic;
 * other output topics are checked on their first send), create or check the changelogs, decide where
 * tasks without a checkpoint resume ({@link MissingCheckpoints}: the job's consumer group, or a
 * refusal when the checkpoints of a job that has run before are lost) and restore every store
 * ({@link ContainerStorageAdapter}), instantiate and {@code init} every task, compute starting
 * offsets and start the consumer at them — then runs the {@link RunLoop}. Stops in reverse: tasks,
 * consumers, stores, checkpoints, producers (aborting an open transaction on failure).
 *
 * <p>{@link #run()} blocks until every task reached the end of its (bounded) input, every task
 * voted to shut down, a task asked to shut down the whole container, or {@link #stop()}; it then
 * commits and closes the tasks and returns normally. On any failure it throws
 * {@link ContainerFailedException} (naming job, container and, where relevant, task, topic,
 * partition and offset) after releasing its clients, having committed nothing past the failure
 * and without calling the tasks' {@code close}. It does not log the failure: whoever runs it reports
 * it once (the runner's job status, which the CLI prints; a container process's log).
 *
 * <p>Threading: {@link #run()} is called once, and the container runs on that thread (plus the
 * thread pool when {@code job.container.thread.pool.size} &gt; 0); {@link #stop()} and
 * {@link #awaitStarted(long)} may be called from any thread.
 */
public final class StreamContainer {

  private static final Logger LOG = LoggerFactory.getLogger(StreamContainer.class);

  private final Config config;
  private final JobModel jobModel;
  private final String containerId;
  private final MeterRegistry registry;
  private final String who;
  private final ContainerExitReport exitReport;
  private final RunControl control;
  private InputDecoder decoder;
  private boolean producersCloseCleanly;
  /** The container's transaction settings once read, under exactly-once; else null. */
  private TransactionSettings transactions;

  /**
   * Prepares a container; nothing is opened until {@link #run()}.
   *
   * @param config the whole job config
   * @param jobModel the job model (which tasks and partitions each container runs)
   * @param containerId this container's id in the model
   * @param registry where the container's and tasks' meters are registered
   */
  public StreamContainer(Config config, JobModel jobModel, String containerId, MeterRegistry registry) {
    this(config, jobModel, containerId, registry, false);
  }

  /**
   * Prepares a container; nothing is opened until {@link #run()}.
   *
   * @param config the whole job config
   * @param jobModel the job model (which tasks and partitions each container runs)
   * @param containerId this container's id in the model
   * @param registry where the container's and tasks' meters are registered
   * @param jobSummarizesBadInput whether whoever runs the container sums up the undeserializable input
   *     skipped and dead-lettered for the whole job (from this container's meters): the container's own
   *     summary line is then at DEBUG, so a job prints one
   */
  public StreamContainer(Config config, JobModel jobModel, String containerId, MeterRegistry registry,
      boolean jobSummarizesBadInput) {
    this.config = config;
    this.jobModel = jobModel;
    this.containerId = containerId;
    this.registry = registry;
    this.who = "job '" + jobModel.jobName() + "' (id " + jobModel.jobId() + ") container '" + containerId + "'";
    this.exitReport = new ContainerExitReport(who, jobSummarizesBadInput);
    this.control = new RunControl(who, StopWatchdog.DEFAULT_WARN_AFTER_MS);
  }

  /**
   * Starts the container and runs it until it stops.
   *
   * @throws ContainerFailedException on any failure, at start or while running
   */
  public void run() {
    control.running();
    ContainerModel model = jobModel.container(containerId).orElseThrow(() -> new ContainerFailedException(who
        + ": the job model has no such container; it has " + jobModel.containers().stream()
        .map(ContainerModel::id).toList()));
    if (model.tasks().isEmpty()) {
      LOG.info("{}: has no tasks; nothing to run", who);
      control.ended();
      return;
    }
    Closer closer = new Closer(who);
    try {
      runModel(model, closer);
      producersCloseCleanly = true;
    } catch (ContainerFailedException e) {
      LOG.debug("{}: failed", who, e);
      throw exitReport.namingFencing(e, transactions);
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("{}: failed", who, e);
      throw exitReport.namingFencing(new ContainerFailedException(who + ": " + e.getMessage(), e), transactions);
    } finally {
      exitReport.logBadInputSummary(decoder);
      closer.closeAll();
      control.ended();
    }
    LOG.info("{}: stopped", who);
  }

  private void runModel(ContainerModel model, Closer closer) {
    LOG.info("{}: starting {} tasks", who, model.tasks().size());
    // RocksDB's native library loads (0.25-0.9 s) while the checkpoints are read and the topics created.
    BackgroundStep.start(!new StorageConfig(config).getStoreNames().isEmpty(), "strand-c" + containerId
        + "-rocksdb-load", RocksDbContainerResources::loadNativeLibrary);

    // 0. Settings: the job config read once into typed values for the parts below (only the stores,
    // the serde factories and the tasks' JobContext still see the config itself).
    JobIdentity job = new JobIdentity(jobModel.jobName(), jobModel.jobId());
    KafkaSystems systems = new KafkaSystems(config);
    CheckpointSettings checkpointSettings = CheckpointSettings.fromConfig(config);
    RunLoopSettings runLoopSettings = RunLoopSettings.fromConfig(config);
    TaskFactory factory = TaskFactory.fromConfig(config);
    StreamSerdes serdes = new StreamSerdes(SerdeSettings.fromConfig(config), name -> Serdes.fromConfig(name, config));
    boolean dropSerializationErrors = new TaskConfig(config).isDropSerializationErrors();
    BadMessagePolicy badMessages = BadMessagePolicy.fromConfig(config);
    OutputTopicSettings outputTopicSettings = OutputTopicSettings.fromConfig(config);
    Set<SystemStreamPartition> ssps = new TreeSet<>();
    model.tasks().forEach(t -> ssps.addAll(t.inputs()));
    Map<SystemStream, InputStreamSettings> streams = InputStreamSettings.fromConfig(config,
        ssps.stream().map(SystemStreamPartition::getSystemStream).collect(Collectors.toSet()));
    Map<SystemStream, StreamStart> starts = new HashMap<>();
    streams.forEach((s, settings) -> starts.put(s, settings.start()));

    // 1. Producers (one per output system, created on first send). Under exactly-once the one
    // transactional producer starts first: it fences older instances of this container and ends the
    // transaction one of them left open, before any checkpoint or changelog is read.
    String clientPrefix = job.clientId("c" + containerId);
    Optional<TransactionSettings> transactions = TransactionSettings.fromConfig(config, job, containerId,
        checkpointSettings.system());
    this.transactions = transactions.orElse(null);
    ProducerPool producers = new ProducerPool(systems, clientPrefix, transactions, who,
        ProducerPool.sendThread(config), ProducerPool.sendIdleMicros(config));
    closer.onClose("producers", () -> producers.close(producersCloseCleanly ? Duration.ofSeconds(30) : Duration.ZERO));
    producers.startTransactions();

    // 2. Checkpoints. A missing checkpoint topic is created only once the start is decided (step 3):
    // a start refused because the checkpoints of a job that has run before are lost is refused again
    // at the next attempt, instead of finding an empty topic and taking the job for one that never committed.
    KafkaCheckpointManager checkpointTopic = closer.add("checkpoint manager",
        KafkaCheckpointManager.create(checkpointSettings, systems, jobModel.grouperFactory()));
    CheckpointManager checkpoints = producers.transaction().<CheckpointManager>map(
        t -> new TransactionalCheckpoints(checkpointTopic, t, job.consumerGroup())).orElse(checkpointTopic);
    boolean checkpointTopicExisted = checkpoints.exists();
    if (checkpointTopicExisted) {
      checkpoints.start();
    }
    Map<TaskName, Checkpoint> read = checkpoints.readLastCheckpoints();
    LOG.info("{}: read checkpoints of {} of its {} tasks", who,
        model.tasks().stream().filter(t -> read.containsKey(t.taskName())).count(), model.tasks().size());

    TopicMetadata metadata = closer.add("topic metadata", new TopicMetadata(systems));
    // Outputs are created (or found missing) before their first send; the dead-letter stream is known now.
    OutputTopics outputs = new OutputTopics(outputTopicSettings, metadata, who);
    badMessages.deadLetterStream().ifPresent(outputs::ensure);

    // 3. Stores: changelogs created or checked; tasks without a checkpoint resume from the consumer group, or
    // the start is refused when the job has run before (MissingCheckpoints); every store restored to its
    // task's checkpoint, and re-seeded changelogs checkpointed, before any init.
    ConsumerGroupOffsets groupOffsets = closer.add("consumer group offsets",
        new ConsumerGroupOffsets(systems, job.consumerGroup()));
    // Where tasks without a checkpoint resume is asked now, answered while the changelogs are created.
    groupOffsets.prefetchCommitted(model.tasks().stream().filter(t -> !read.containsKey(t.taskName()))
        .flatMap(t -> t.inputs().stream()).map(SystemStreamPartition::getSystem).collect(Collectors.toSet()));
    Optional<ContainerStorageAdapter> stores = ContainerStorageAdapter.create(config, job.name(), job.id(), model,
        systems, producers, clientPrefix, registry, who);
    stores.ifPresent(s -> closer.add("stores", s).createOrCheckChangelogs(jobModel.taskCount()));
    Map<TaskName, Set<SystemStreamPartition>> taskInputs = new HashMap<>();
    model.tasks().forEach(t -> taskInputs.put(t.taskName(), new HashSet<>(t.inputs())));
    MissingCheckpoints.Resolution resolution = MissingCheckpoints.resolve(
        new MissingCheckpoints.Context(checkpointTopic.topic(), checkpointTopicExisted, job.consumerGroup(),
            checkpointSettings.missing(), who, transactions.isPresent()),
        taskInputs, read, starts, groupOffsets::readCommitted,
        tasks -> stores.map(s -> s.earlierRunEvidence(tasks)).orElse(List.of()));
    // A missing checkpoint topic is created while the stores restore (the restore reads no checkpoint; the first
    // write to the topic, of re-seeded changelogs or the first commit, comes after the join).
    BackgroundStep checkpointStart = BackgroundStep.start(!checkpointTopicExisted, "strand-" + job.name()
        + "-c" + containerId + "-checkpoint-topic", checkpoints::start);
    try {
      stores.ifPresent(s -> s.restore(model, resolution.checkpoints(), resolution.restoreToChangelogEnd()));
    } catch (RuntimeException | Error e) {
      checkpointStart.awaitQuietly(); // nothing may still use the checkpoint manager when the closer closes it
      throw e;
    }
    checkpointStart.join();
    Map<TaskName, Checkpoint> last = stores
        .map(s -> s.checkpointReseeded(producers::flush, checkpoints, resolution.checkpoints()))
        .orElse(resolution.checkpoints());
    // Under exactly-once, what the restore wrote back to the changelogs (keys trimmed to their
    // checkpointed values) is committed now rather than in the first commit's transaction, which
    // would otherwise have been open for the whole restore.
    producers.transaction().ifPresent(t -> t.commit(Map.of(), job.consumerGroup()));
    // Queryable state: the restored stores are readable from this JVM (and over HTTP when on) until the stores close.
    stores.ifPresent(s -> closer.add("queryable state", io.strand.container.query.http.QueryService.open(config, job,
        jobModel, containerId, s.handles())));
    ContainerContexts.Stores storeLookup = stores.<ContainerContexts.Stores>map(s -> s::store)
        .orElseGet(() -> ContainerContexts.noStores(new StorageConfig(config).getStoreNames()));

    // 4. Tasks: instantiate and init.
    ContainerMetrics containerMetrics = new ContainerMetrics(registry, job.name(), containerId);
    closer.onClose("container metrics", containerMetrics::close);
    OutputCollector collector = new OutputCollector(producers, outputs, serdes, dropSerializationErrors);
    RunLoopBuilder builder = new RunLoopBuilder(runLoopSettings, collector, who, clientPrefix);
    closer.onClose("task thread pool", builder::abandon);
    ContainerContexts.Job jobContext = new ContainerContexts.Job(config, job.name(), job.id());
    io.strand.job.model.ContainerModel taskFacingModel = ContainerContexts.taskFacingModel(model);
    ContainerContexts.Container containerContext =
        new ContainerContexts.Container(taskFacingModel, containerMetrics.containerMetricsRegistry());
    Map<TaskName, TaskMetrics> taskMetrics = new HashMap<>();
    for (TaskModel t : model.tasks()) {
      TaskMetrics metrics = new TaskMetrics(registry, job.name(), containerId, t.taskName());
      closer.onClose("metrics of task " + t.taskName(), metrics::close);
      taskMetrics.put(t.taskName(), metrics);
      builder.addTask(t.taskName(), newTask(factory, t.taskName()), metrics);
    }
    // Known before init, so tasks can bring state kept outside their stores up to them (TaskContext#getStartingOffset).
    Map<SystemStreamPartition, Long> starting = StartingOffsets.compute(starts, ssps, last, metadata);
    for (TaskModel t : model.tasks()) {
      builder.initTask(t.taskName(), new ContainerContexts.All(jobContext, containerContext,
          new ContainerContexts.Task(taskFacingModel.getTasks().get(t.taskName()), storeLookup,
              taskMetrics.get(t.taskName()).taskMetricsRegistry(), starting, builder::lag)));
      LOG.debug("{}: task '{}' initialized with inputs {}", who, t.taskName(), t.inputs());
    }
    LOG.info("{}: initialized {} task(s)", who, model.tasks().size());

    // 5. End offsets, the consumer (starting offsets were computed before init).
    Map<SystemStreamPartition, Long> ends = endOffsets(streams, ssps, metadata);
    for (TaskModel t : model.tasks()) {
      Checkpoint cp = last.get(t.taskName());
      if (cp != null && cp.endOfStream()) {
        builder.resumeEnded(t.taskName(), cp.inputOffsets());
      }
      for (SystemStreamPartition ssp : t.inputs()) {
        SystemStream s = ssp.getSystemStream();
        InputStreamSettings in = streams.get(s);
        Long checkpointed = cp == null || in.start().resetOffset() ? null : cp.inputOffsets().get(ssp);
        builder.addInput(t.taskName(), ssp, serdes.forStream(s), in.priority(), in.bootstrap(), in.bounded(),
            ends.getOrDefault(ssp, Long.MAX_VALUE), checkpointed == null ? -1 : checkpointed);
      }
      LOG.debug("{}: task '{}' starts at offsets {}", who, t.taskName(), startsOf(t, starting));
    }
    InputDecoder decoder = new InputDecoder(badMessages, InputOwners.of(jobModel), producers, containerMetrics, who);
    this.decoder = decoder;
    RunLoop runLoop = closer.add("run loop and consumers", builder.build(starting,
        system -> systems.get(system).newConsumer(clientPrefix + "-consumer-" + system, Map.of()), decoder, producers,
        checkpoints, groupOffsets, stores.<List<CommitParticipant>>map(List::of).orElse(List.of()), containerMetrics));
    control.attach(runLoop);

    // 6. Run.
    LOG.info("{}: started: {} task(s) reading {} input partition(s)", who, model.tasks().size(), ssps.size());
    runLoop.run();
  }

  private Object newTask(TaskFactory factory, TaskName name) {
    try {
      return factory.newTask();
    } catch (ContainerFailedException e) {
      throw new ContainerFailedException(who + ": task '" + name + "': " + e.getMessage(), e.getCause());
    }
  }

  private static Map<SystemStreamPartition, Long> endOffsets(Map<SystemStream, InputStreamSettings> streams,
      Set<SystemStreamPartition> ssps, TopicMetadata metadata) {
    Map<String, Set<SystemStreamPartition>> needed = new HashMap<>();
    Map<String, Boolean> readCommitted = new HashMap<>();
    for (SystemStreamPartition ssp : ssps) {
      InputStreamSettings in = streams.get(ssp.getSystemStream());
      if (in.bootstrap() || in.bounded()) {
        needed.computeIfAbsent(ssp.getSystem(), x -> new HashSet<>()).add(ssp);
        readCommitted.put(ssp.getSystem(), in.readCommitted());
      }
    }
    Map<SystemStreamPartition, Long> ends = new HashMap<>();
    needed.forEach((system, set) -> ends.putAll(metadata.endOffsets(set, readCommitted.get(system))));
    return ends;
  }

  private static Map<SystemStreamPartition, Long> startsOf(TaskModel t, Map<SystemStreamPartition, Long> starting) {
    Map<SystemStreamPartition, Long> m = new java.util.TreeMap<>();
    t.inputs().forEach(s -> m.put(s, starting.get(s)));
    return m;
  }

  /**
   * Asks for a clean stop: in-flight messages finish, a final commit runs, tasks are closed, and
   * {@link #run()} returns. Returns at once; safe from any thread, also before the run loop starts.
   */
  public void stop() {
    control.stop();
  }

  /**
   * Waits until the run loop runs (or the container has already stopped or failed).
   *
   * @param timeoutMs the longest to wait, in ms
   * @return true once the run loop has started; false on timeout or if the container ended before
   *     its loop started
   */
  public boolean awaitStarted(long timeoutMs) {
    return control.awaitStarted(timeoutMs);
  }
}
