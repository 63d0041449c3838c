package io.strand.container.model;

import io.strand.Partition;
import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.JobConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.TaskName;
import io.strand.container.grouper.GroupByPartition;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.grouper.SystemStreamPartitionGrouper;
import io.strand.container.grouper.SystemStreamPartitionGrouperFactory;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a job model from configuration and topic metadata, as Samza's job coordinator does:
 * the SSP grouper ({@code job.systemstreampartition.grouper.factory}, default
 * {@link GroupByPartitionFactory}) turns the input partitions into tasks; the partitions of
 * {@code task.broadcast.inputs} are kept out of grouping and added to every task; tasks are spread
 * over {@code job.container.count} containers, balanced and sticky to the previous model (see
 * {@link ContainerAssignment}).
 *
 * <p>Changelog partition of a task: under {@link GroupByPartition} its partition number (so a
 * task keeps its state when inputs are added); under any other grouper its index in sorted
 * task-name order, as Samza's.
 *
 * <p>Threading: stateless and pure; the same arguments always give an equal model.
 */
public final class JobModelPlanner {

  private JobModelPlanner() {}

  /**
   * Plans a job model: the job-planning entry point, which reads {@link JobModelSettings} and
   * makes the grouper from the config (a grouper factory is handed the whole config, as
   * Samza's).
   *
   * @param config the whole job config
   * @param partitionCounts the partition count of every stream in {@code task.inputs} and
   *     {@code task.broadcast.inputs}
   * @param previous the job's last model, to keep tasks in their containers; ignored when it was
   *     made with another grouper (its task names mean nothing now)
   * @return the model
   * @throws ConfigException if a config value is malformed, the grouper factory cannot be made,
   *     a broadcast input names a partition its stream does not have, or there are more containers
   *     than tasks
   * @throws IllegalArgumentException if {@code partitionCounts} lacks one of the job's streams
   */
  public static JobModel plan(Config config, Map<SystemStream, Integer> partitionCounts, Optional<JobModel> previous) {
    JobModelSettings settings = JobModelSettings.fromConfig(config);
    for (BroadcastInput input : settings.broadcastInputs()) {
      SystemStream stream = JobModelSettings.toSystemStream(input.stream());
      int partitions = count(partitionCounts, stream);
      if (input.lastPartition() >= partitions) {
        throw config.problem(TaskConfig.TASK_BROADCAST_INPUTS, "'" + input + "' names partition "
            + input.lastPartition() + " but stream " + stream + " has " + partitions + " partition(s), 0 to "
            + (partitions - 1));
      }
    }
    SystemStreamPartitionGrouper grouper = config.newInstance(JobConfig.JOB_SSP_GROUPER_FACTORY,
        SystemStreamPartitionGrouperFactory.class).orElseGet(GroupByPartitionFactory::new).getGrouper(config);
    Set<SystemStreamPartition> broadcast = broadcastPartitions(settings.broadcastInputs());
    Map<TaskName, Set<SystemStreamPartition>> groups = group(settings.inputs(), broadcast, grouper, partitionCounts);
    if (settings.containerCount() > groups.size()) {
      throw config.problem(JobConfig.JOB_CONTAINER_COUNT, "the job has " + groups.size() + " task(s) but "
          + settings.containerCount() + " containers; a container with no task would have nothing to do,"
          + " so set at most " + groups.size());
    }
    return assemble(settings, groups, broadcast, previous);
  }

  /** Every input partition not broadcast, grouped into tasks; sorted by task name. */
  private static Map<TaskName, Set<SystemStreamPartition>> group(List<SystemStream> inputs,
      Set<SystemStreamPartition> broadcast, SystemStreamPartitionGrouper grouper,
      Map<SystemStream, Integer> partitionCounts) {
    Set<SystemStreamPartition> grouped = new TreeSet<>();
    for (SystemStream stream : inputs) {
      for (int p = 0; p < count(partitionCounts, stream); p++) {
        SystemStreamPartition ssp = new SystemStreamPartition(stream, new Partition(p));
        if (!broadcast.contains(ssp)) {
          grouped.add(ssp);
        }
      }
    }
    return new TreeMap<>(grouper.group(grouped));
  }

  /** Tasks with their changelog partitions and broadcast inputs, spread over the containers. */
  private static JobModel assemble(JobModelSettings settings, Map<TaskName, Set<SystemStreamPartition>> groups,
      Set<SystemStreamPartition> broadcast, Optional<JobModel> previous) {
    String grouperFactory = settings.grouperFactory();
    boolean byPartition = GroupByPartitionFactory.class.getName().equals(grouperFactory);
    List<TaskName> names = new ArrayList<>(groups.keySet());
    Map<TaskName, TaskModel> tasks = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      TaskName name = names.get(i);
      List<SystemStreamPartition> inputs = new ArrayList<>(groups.get(name));
      Partition changelog = byPartition ? inputs.get(0).partition() : new Partition(i);
      inputs.addAll(broadcast);
      tasks.put(name, new TaskModel(name, inputs, changelog));
    }

    Map<TaskName, String> was = new HashMap<>();
    previous.filter(m -> m.grouperFactory().equals(grouperFactory)).ifPresent(m ->
        m.containers().forEach(c -> c.tasks().forEach(t -> was.put(t.taskName(), c.id()))));
    List<ContainerModel> containers = new ArrayList<>();
    ContainerAssignment.assign(names, settings.containerCount(), was).forEach((id, taskNames) ->
        containers.add(new ContainerModel(id, taskNames.stream().map(tasks::get).toList())));
    return new JobModel(settings.job().name(), settings.job().id(), grouperFactory, containers);
  }

  /** The partitions of the broadcast inputs, each already checked to exist. */
  private static Set<SystemStreamPartition> broadcastPartitions(List<BroadcastInput> inputs) {
    Set<SystemStreamPartition> ssps = new TreeSet<>();
    for (BroadcastInput input : inputs) {
      SystemStream stream = JobModelSettings.toSystemStream(input.stream());
      for (int p = input.firstPartition(); p <= input.lastPartition(); p++) {
        ssps.add(new SystemStreamPartition(stream, new Partition(p)));
      }
    }
    return ssps;
  }

  private static int count(Map<SystemStream, Integer> partitionCounts, SystemStream stream) {
    Integer count = partitionCounts.get(stream);
    if (count == null) {
      throw new IllegalArgumentException("no partition count given for stream " + stream);
    }
    return count;
  }
}
