package io.strand.container.coordinator;

import io.strand.config.Config;
import io.strand.container.kafka.KafkaSystems;
import io.strand.container.kafka.TopicMetadata;
import io.strand.container.model.JobModel;
import io.strand.container.model.JobModelPlanner;
import io.strand.container.model.JobModelSettings;
import io.strand.system.SystemStream;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes and publishes a job's model, and reads the published one back: the job coordinator's
 * part of starting a job. The runner calls {@link #compute(Config)} once per submission; each
 * container process calls {@link #readLatest(Config)}, so every container runs the same plan.
 *
 * <p>Threading: stateless; each call makes and closes its own Kafka clients.
 */
public final class JobModels {

  private static final Logger LOG = LoggerFactory.getLogger(JobModels.class);

  private JobModels() {}

  /**
   * Creates the job's missing intermediate streams (see {@link IntermediateStreams}), reads the
   * input topics' partition counts and the previous model from the coordinator topic
   * (created if missing), plans the model with {@link JobModelPlanner}, and writes it to the
   * coordinator topic when it differs from the previous one.
   *
   * @param config the whole job config
   * @return the model now in force
   * @throws io.strand.config.ConfigException for malformed or missing configuration
   * @throws IllegalStateException if an input topic does not exist (the message names every
   *     missing topic and its system) or Kafka cannot be reached
   */
  public static JobModel compute(Config config) {
    KafkaSystems systems = new KafkaSystems(config);
    JobModelSettings settings = JobModelSettings.fromConfig(config);
    Map<SystemStream, Integer> partitionCounts;
    try (TopicMetadata metadata = new TopicMetadata(systems)) {
      // Broadcast inputs (a streams job's global tables) are not partitioned with the job: they do not size its
      // intermediate streams.
      IntermediateStreams.ensure(config, metadata, new TreeSet<>(settings.inputs()));
      partitionCounts = metadata.partitionCounts(settings.streams());
    }
    try (CoordinatorStream coordinator = CoordinatorStream.create(CoordinatorSettings.fromConfig(config), systems)) {
      coordinator.ensureTopic();
      Optional<JobModel> previous = coordinator.readJobModel();
      String grouper = settings.grouperFactory();
      previous.filter(p -> !p.grouperFactory().equals(grouper)).ifPresent(p ->
          LOG.warn("Job {}-{}: the SSP grouper changed from {} to {}; task names change, so existing checkpoints"
              + " and changelogs no longer match any task", p.jobName(), p.jobId(), p.grouperFactory(), grouper));
      JobModel model = JobModelPlanner.plan(config, partitionCounts, previous);
      if (previous.filter(model::equals).isEmpty()) {
        coordinator.writeJobModel(model);
      }
      LOG.info("Job {}-{}: job model has {} task(s) in {} container(s){}, published to '{}'", model.jobName(),
          model.jobId(), model.taskCount(), model.containers().size(),
          previous.isEmpty() ? "" : previous.get().equals(model) ? " (unchanged)" : " (changed)", coordinator.topic());
      return model;
    }
  }

  /**
   * The model last published by {@link #compute(Config)}.
   *
   * @param config the whole job config
   * @return the model
   * @throws IllegalStateException if no model was published for this job (naming the topic) or
   *     Kafka cannot be reached
   */
  public static JobModel readLatest(Config config) {
    CoordinatorSettings settings = CoordinatorSettings.fromConfig(config);
    try (CoordinatorStream coordinator = CoordinatorStream.create(settings, new KafkaSystems(config))) {
      return coordinator.readJobModel().orElseThrow(() -> new IllegalStateException(
          "no job model in coordinator topic '" + coordinator.topic() + "' on system '" + settings.system()
          + "'; the runner publishes it before starting containers (run the job with run-job)"));
    }
  }
}
