package io.strand.benchmarks.harness;

import io.strand.benchmarks.data.CountChangelog;
import io.strand.benchmarks.data.Expected;
import io.strand.benchmarks.measure.WorkerResult;
import io.strand.benchmarks.strand.StrandJobConfig;
import io.strand.benchmarks.streams.StreamsTopologies;
import io.strand.benchmarks.workload.Kind;
import io.strand.benchmarks.workload.StoreCache;
import io.strand.benchmarks.workload.WorkerSpec;
import io.strand.benchmarks.workload.Workload;
import io.strand.config.Config;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointSettings;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.container.coordinator.JobModels;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import io.strand.system.SystemStreamPartition;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The restore workloads' common ground: ONE changelog topic, written once per suite as an uncached
 * count of the input would write it ({@link CountChangelog}: one record per input record, so
 * {@code --records} records), which the plain read reads and both engines restore. A restore only
 * reads the topic, so every round restores the same content (each run checks the topic is
 * unchanged).
 *
 * <ul>
 *   <li>Kafka Streams restores its changelog {@code <application.id>-counts-changelog}, so the
 *       topic is named for the application id {@value #STREAMS_APP}; with no {@code .checkpoint}
 *       file in the fresh state directory it replays the whole topic. Its input offsets are
 *       committed at the input's end for that group, so it then has nothing to process.</li>
 *   <li>Strand's restore job {@value #STRAND_JOB} names the same topic in
 *       {@code stores.counts.changelog}; before each run the harness writes its checkpoints with
 *       the container's own {@link KafkaCheckpointManager}: per task, the input offsets at the end
 *       (so the bounded job processes nothing) and the changelog offset of the last record (so it
 *       replays everything and trims nothing).</li>
 * </ul>
 *
 * <p>The topic is compacted (Strand requires a compacted changelog) with compaction held off
 * ({@code min.compaction.lag.ms} at its maximum, 1 GiB segments), so it keeps every record.
 *
 * <p>Threading: the harness thread.
 */
final class RestoreFixture {

  /** Kafka Streams' application id of the restore runs. */
  static final String STREAMS_APP = "bench-restore";
  /** The restore changelog: Kafka Streams' changelog name for {@link #STREAMS_APP}'s count store. */
  static final String CHANGELOG = STREAMS_APP + "-" + StreamsTopologies.COUNT_STORE + "-changelog";
  /** Strand's job name of the restore runs. */
  static final String STRAND_JOB = "bench-restore-strand";
  private static final String OUTPUT = "bench-restore-out";
  private static final String READ_GROUP = "bench-read";

  private final String bootstrap;
  private final Topics topics;
  private final String input;
  private final int partitions;
  private final StoreCache cache;
  private final RestoredStateCheck stateCheck = new RestoredStateCheck(StrandJobConfig.COUNT_STORE);
  private long records = -1;

  RestoreFixture(String bootstrap, Topics topics, String input, int partitions, StoreCache cache) {
    this.bootstrap = bootstrap;
    this.topics = topics;
    this.input = input;
    this.partitions = partitions;
    this.cache = cache;
  }

  /**
   * Writes the restore changelog and the output topic the restore jobs name (and never write).
   *
   * @throws InterruptedException if interrupted
   */
  void prepare() throws InterruptedException {
    topics.create(CHANGELOG, partitions, Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, Long.toString(Long.MAX_VALUE),
        TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(1 << 30)));
    long written = new CountChangelog(bootstrap).write(input, CHANGELOG);
    records = topics.records(CHANGELOG);
    if (records != written) {
      throw new IllegalStateException("the restore changelog holds " + records + " records, " + written + " written");
    }
    topics.create(OUTPUT, partitions);
  }

  /** @return records in the restore changelog */
  long records() {
    return records;
  }

  /**
   * The spec of a READ or RESTORE run, with what it needs set up on the broker (Strand's
   * checkpoints, Kafka Streams' committed input offsets).
   *
   * @param w a READ or RESTORE workload
   * @param stateDir an empty state directory for the run
   * @return its spec
   */
  WorkerSpec spec(Workload w, Path stateDir) {
    if (records < 0) {
      throw new IllegalStateException("prepare() first");
    }
    if (w.kind() == Kind.READ) {
      return new WorkerSpec(w, bootstrap, CHANGELOG, "", READ_GROUP, "", stateDir, records, false, cache);
    }
    return switch (w.engine()) {
      case STRAND -> {
        WorkerSpec spec = new WorkerSpec(w, bootstrap, input, OUTPUT, STRAND_JOB, CHANGELOG, stateDir, records, false,
            cache);
        writeStrandCheckpoints(spec);
        yield spec;
      }
      case KAFKA_STREAMS -> {
        topics.commitGroupOffsets(STREAMS_APP, input, topics.endOffsets(input));
        yield new WorkerSpec(w, bootstrap, input, OUTPUT, STREAMS_APP, "", stateDir, records, false, cache);
      }
      case RAW, STRAND_APP -> throw new IllegalArgumentException("no " + w.engine().label() + " restore");
    };
  }

  /**
   * @param spec a finished RESTORE run's spec
   * @param result what it reported
   * @param expected the loader's expectation
   * @return null when the run restored every record, left the changelog as it was and the sampled
   *     keys hold their final counts; else what is wrong
   */
  String check(WorkerSpec spec, WorkerResult result, Expected expected) {
    if (result.records() != records) {
      return "restored " + result.records() + " records, the changelog holds " + records;
    }
    long now = topics.records(CHANGELOG);
    if (now != records) {
      return "the restore changelog now holds " + now + " records, " + records + " before the run";
    }
    return stateCheck.check(spec.stateDir(), expected);
  }

  /** Per task: input done up to its end, changelog durable up to its last record. */
  private void writeStrandCheckpoints(WorkerSpec spec) {
    Config config = StrandJobConfig.forSpec(spec);
    JobModel model = JobModels.compute(config);
    Map<Integer, Long> inputEnd = topics.endOffsets(input);
    Map<Integer, Long> changelogEnd = topics.endOffsets(CHANGELOG);
    try (KafkaCheckpointManager checkpoints = KafkaCheckpointManager.create(CheckpointSettings.fromConfig(config),
        new KafkaSystems(config),
        model.grouperFactory())) {
      checkpoints.start();
      for (ContainerModel container : model.containers()) {
        for (TaskModel task : container.tasks()) {
          Map<SystemStreamPartition, Long> inputs = new HashMap<>();
          for (SystemStreamPartition ssp : task.inputs()) {
            long end = inputEnd.get(ssp.partition().id());
            if (end > 0) {
              inputs.put(ssp, end - 1);
            }
          }
          long end = changelogEnd.get(task.changelogPartition().id());
          checkpoints.write(new Checkpoint(task.taskName(), inputs,
              end > 0 ? Map.of(StrandJobConfig.COUNT_STORE, end - 1) : Map.of()));
        }
      }
    }
  }
}
