package io.strand.container.model;

import io.strand.config.Config;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.TaskConfig;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.job.JobIdentity;
import io.strand.system.SystemStream;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the job model is planned from, read once from the job config.
 *
 * <p>Threading: immutable.
 *
 * @param job {@code job.name} and {@code job.id}
 * @param grouperFactory {@code job.systemstreampartition.grouper.factory}, default
 *     {@link GroupByPartitionFactory}
 * @param inputs {@code task.inputs}, in config order
 * @param broadcastInputs {@code task.broadcast.inputs}, in config order
 * @param containerCount {@code job.container.count}, at least 1
 */
public record JobModelSettings(JobIdentity job, String grouperFactory, List<SystemStream> inputs,
    List<BroadcastInput> broadcastInputs, int containerCount) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a part is null
   */
  public JobModelSettings {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(grouperFactory, "grouperFactory");
    inputs = List.copyOf(inputs);
    broadcastInputs = List.copyOf(broadcastInputs);
  }

  /**
   * Reads the settings.
   *
   * @param config the job config
   * @return the settings
   * @throws io.strand.config.ConfigException naming the key if {@code job.name}, {@code job.id},
   *     {@code task.inputs}, {@code task.broadcast.inputs} or {@code job.container.count} is
   *     missing or malformed
   */
  public static JobModelSettings fromConfig(Config config) {
    JobConfig job = new JobConfig(config);
    TaskConfig task = new TaskConfig(config);
    return new JobModelSettings(new JobIdentity(job.getName(), job.getId()),
        job.getGrouperFactory().orElse(GroupByPartitionFactory.class.getName()),
        task.getInputs().stream().map(JobModelSettings::toSystemStream).toList(), task.getBroadcastInputs(),
        job.getContainerCount());
  }

  /**
   * The streams whose partition counts the planner needs: every input and broadcast input.
   *
   * @return the streams, sorted
   */
  public Set<SystemStream> streams() {
    Set<SystemStream> streams = new TreeSet<>(inputs);
    broadcastInputs.forEach(b -> streams.add(toSystemStream(b.stream())));
    return streams;
  }

  static SystemStream toSystemStream(StreamName name) {
    return new SystemStream(name.system(), name.stream());
  }
}
