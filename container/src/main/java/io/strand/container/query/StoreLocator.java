package io.strand.container.query;

import io.strand.container.model.ContainerModel;
import io.strand.container.model.JobModel;
import io.strand.container.model.TaskModel;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.utils.Utils;

/**
 * Which partition, task, container and query endpoint own a key, from the job model, as Kafka
 * Streams' {@code queryMetadataForKey}. A key's partition is what Kafka's default partitioner
 * gives its serialized form, {@code toPositive(murmur2(key)) % partitions}, with the job's task
 * count as the partition count: the partition the key's records were written to in an input
 * produced with Kafka's default partitioner and that key serde (and so in the changelog, whose
 * partition <em>n</em> is the state of the task with changelog partition <em>n</em>; under
 * {@code GroupByPartition} task {@code Partition n} reads input partition <em>n</em>). Jobs whose
 * inputs are partitioned otherwise (a custom partitioner, a grouper that does not map input
 * partition <em>n</em> to changelog partition <em>n</em>) cannot be located this way.
 *
 * <p>Threading: an immutable value.
 */
public final class StoreLocator {

  private final int partitions;
  private final Map<Integer, Owner> owners;
  private final Map<String, QueryEndpoint> endpoints;

  private record Owner(TaskModel task, String containerId) { }

  /**
   * A locator over one job model.
   *
   * @param model the job model
   * @param endpoints the containers' query endpoints by container id (those known; may be empty)
   * @throws IllegalArgumentException if the model has no task, or two tasks share a changelog partition
   */
  public StoreLocator(JobModel model, Map<String, QueryEndpoint> endpoints) {
    Objects.requireNonNull(model, "model");
    this.endpoints = Map.copyOf(endpoints);
    Map<Integer, Owner> byPartition = new HashMap<>();
    for (ContainerModel c : model.containers()) {
      for (TaskModel t : c.tasks()) {
        Owner previous = byPartition.put(t.changelogPartition().getPartitionId(), new Owner(t, c.id()));
        if (previous != null) {
          throw new IllegalArgumentException("tasks '" + previous.task().taskName() + "' and '" + t.taskName()
              + "' share changelog partition " + t.changelogPartition().getPartitionId());
        }
      }
    }
    if (byPartition.isEmpty()) {
      throw new IllegalArgumentException("job '" + model.jobName() + "' has no tasks");
    }
    this.partitions = byPartition.size();
    this.owners = Map.copyOf(byPartition);
  }

  /**
   * Kafka's default partitioner for a serialized key (the sticky partitioner applies only to null
   * keys): {@code toPositive(murmur2(key)) % partitions}.
   *
   * @param key the serialized key, not null
   * @param partitions the partition count, at least 1
   * @return the partition, from 0 to {@code partitions - 1}
   * @throws IllegalArgumentException if {@code partitions} is below 1
   */
  public static int partition(byte[] key, int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("a partition count must be at least 1, got " + partitions);
    }
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }

  /**
   * The partition count keys are spread over: the job's task count.
   *
   * @return the count
   */
  public int partitions() {
    return partitions;
  }

  /**
   * Where a key lives.
   *
   * @param key the serialized user key
   * @return the location
   * @throws IllegalStateException if no task has the key's changelog partition (a model whose
   *     changelog partitions are not 0 to n-1)
   */
  public KeyLocation locate(byte[] key) {
    int partition = partition(key, partitions);
    Owner owner = owners.get(partition);
    if (owner == null) {
      throw new IllegalStateException("no task has changelog partition " + partition + " (the model's tasks have "
          + owners.keySet() + ")");
    }
    return new KeyLocation(partition, owner.task().taskName(), owner.containerId(),
        Optional.ofNullable(endpoints.get(owner.containerId())));
  }
}
