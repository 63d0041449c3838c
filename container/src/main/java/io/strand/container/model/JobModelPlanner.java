package io.strand.container.model;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.view.BroadcastInput;
import io.strand.config.view.JobConfig;
import io.strand.config.view.StreamName;
import io.strand.config.view.TaskConfig;
import io.strand.container.grouper.GroupByPartition;
import io.strand.container.grouper.GroupByPartitionFactory;
import io.strand.container.grouper.SystemStreamPartitionGrouperFactory;
import io.strand.system.Partition;
import io.strand.system.SystemStream;
import io.strand.system.SystemStreamPartition;
import io.strand.context.TaskName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
   * Plans a job model.
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
    JobConfig job = new JobConfig(config);
    TaskConfig taskConfig = new TaskConfig(config);
    String grouperFactory = job.getGrouperFactory().orElse(GroupByPartitionFactory.class.getName());

    Set<SystemStreamPartition> broadcast = broadcastPartitions(config, taskConfig.getBroadcastInputs(), partitionCounts);
    Set<SystemStreamPartition> grouped = new TreeSet<>();
    for (StreamName input : taskConfig.getInputs()) {
      SystemStream stream = toSystemStream(input);
      for (int p = 0; p < count(partitionCounts, stream); p++) {
        SystemStreamPartition ssp = new SystemStreamPartition(stream, new Partition(p));
        if (!broadcast.contains(ssp)) {
          grouped.add(ssp);
        }
      }
    }

    Map<TaskName, Set<SystemStreamPartition>> groups =
        new java.util.TreeMap<>(newGrouperFactory(config, grouperFactory).getGrouper(config).group(grouped));
    int containerCount = job.getContainerCount();
    if (containerCount > groups.size()) {
      throw config.problem(JobConfig.JOB_CONTAINER_COUNT, "the job has " + groups.size() + " task(s) but "
          + containerCount + " containers; a container with no task would have nothing to do,"
          + " so set at most " + groups.size());
    }

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
    ContainerAssignment.assign(names, containerCount, was).forEach((id, taskNames) ->
        containers.add(new ContainerModel(id, taskNames.stream().map(tasks::get).toList())));
    return new JobModel(job.getName(), job.getId(), grouperFactory, containers);
  }

  private static Set<SystemStreamPartition> broadcastPartitions(Config config, List<BroadcastInput> inputs,
      Map<SystemStream, Integer> partitionCounts) {
    Set<SystemStreamPartition> ssps = new TreeSet<>();
    for (BroadcastInput input : inputs) {
      SystemStream stream = toSystemStream(input.stream());
      int partitions = count(partitionCounts, stream);
      if (input.lastPartition() >= partitions) {
        throw config.problem(TaskConfig.TASK_BROADCAST_INPUTS, "'" + input + "' names partition "
            + input.lastPartition() + " but stream " + stream + " has " + partitions + " partition(s), 0 to "
            + (partitions - 1));
      }
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

  private static SystemStream toSystemStream(StreamName name) {
    return new SystemStream(name.system(), name.stream());
  }

  private static SystemStreamPartitionGrouperFactory newGrouperFactory(Config config, String className) {
    return config.newInstance(JobConfig.JOB_SSP_GROUPER_FACTORY, SystemStreamPartitionGrouperFactory.class)
        .orElseGet(GroupByPartitionFactory::new);
  }


  /**
   * The streams whose partition counts {@link #plan} needs: every input and broadcast input.
   *
   * @param config the whole job config
   * @return the streams, sorted
   * @throws ConfigException if {@code task.inputs} or {@code task.broadcast.inputs} is malformed
   */
  public static Set<SystemStream> streams(Config config) {
    TaskConfig taskConfig = new TaskConfig(config);
    Set<SystemStream> streams = new TreeSet<>();
    taskConfig.getInputs().forEach(s -> streams.add(toSystemStream(s)));
    taskConfig.getBroadcastInputs().forEach(b -> streams.add(toSystemStream(b.stream())));
    return streams;
  }
}
