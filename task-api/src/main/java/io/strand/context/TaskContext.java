package io.strand.context;

import io.strand.container.TaskName;
import io.strand.job.model.TaskModel;
import io.strand.metrics.MetricsRegistry;
import io.strand.storage.kv.KeyValueStore;
import io.strand.system.SystemStreamPartition;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What belongs to one task, as Samza's {@code TaskContext}: its task model (name, input
 * partitions, changelog partition), its stores and its metrics registry. Implemented by the
 * container; use it from the task's own thread.
 */
public interface TaskContext {

  /**
   * This task's model, as Samza's {@code getTaskModel()}: its name, its input partitions and its
   * changelog partition.
   *
   * @return the model; the same on every call
   */
  TaskModel getTaskModel();

  /**
   * This task's name; short for {@code getTaskModel().getTaskName()}.
   *
   * @return the name, for example {@code Partition 0}
   */
  default TaskName getTaskName() {
    return getTaskModel().getTaskName();
  }

  /**
   * The input partitions assigned to this task, broadcast inputs included; short for
   * {@code getTaskModel().getSystemStreamPartitions()}.
   *
   * @return an immutable set
   */
  default Set<SystemStreamPartition> getSystemStreamPartitions() {
    return getTaskModel().getSystemStreamPartitions();
  }

  /**
   * This task's instance of a store configured under {@code stores.<name>.*}. Each task has its
   * own instance (its own partition of the store's state); the store is restored before
   * {@code init} is called and stays open until after {@code close}.
   *
   * <p>Both ways of typing the store compile: assigning it, which infers the store's type from
   * the variable with no warning,
   * <pre>{@code KeyValueStore<String, Long> counts = context.getTaskContext().getStore("counts");}</pre>
   * and Samza's cast, where Samza's {@code getStore} returns {@code KeyValueStore<?, ?>}; as there,
   * javac warns about an unchecked cast (a note, or a warning under {@code -Xlint:unchecked}):
   * <pre>{@code KeyValueStore<String, Integer> counts =
   *     (KeyValueStore<String, Integer>) taskContext.getStore("counts");}</pre>
   * Neither checks the types against {@code stores.<name>.key.serde} and {@code .msg.serde}: a
   * mismatch shows at the first get or put that meets it (a {@code ClassCastException} or a
   * {@code SerdeException}).
   *
   * @param name the store name, as in {@code stores.<name>.factory}
   * @param <S> the store's type, {@code KeyValueStore<K, V>} with K the type produced by
   *     {@code stores.<name>.key.serde} and V by {@code stores.<name>.msg.serde}; inferred from the
   *     assignment, or {@code KeyValueStore<?, ?>} when there is none (as in a cast)
   * @return the store; the same instance on every call
   * @throws IllegalArgumentException if no store of that name is configured; the message names it
   *     and lists the configured ones
   */
  <S extends KeyValueStore<?, ?>> S getStore(String name);

  /**
   * This task's metrics registry, as Samza's {@code getTaskMetricsRegistry()}: the meters made
   * there are tagged with the job, the container, this task and their group, reported with
   * Strand's own meters, and removed when the task ends.
   *
   * @return the registry; the same instance on every call
   */
  MetricsRegistry getTaskMetricsRegistry();

  /**
   * The offset of the first message this task will read from one of its input partitions: the
   * checkpointed offset + 1, or where {@code samza.offset.default} / {@code samza.reset.offset}
   * start it (see the container's starting offsets). Known before {@code init}, so a task can bring
   * state kept outside its stores up to exactly that point, as the streams API's tables built on
   * their own source topic do (Kafka Streams' source-topic restore, which stops at the committed
   * offset).
   *
   * @param partition one of {@link #getSystemStreamPartitions()}
   * @return the next offset to read, or empty when the container does not say (the default)
   */
  default OptionalLong getStartingOffset(SystemStreamPartition partition) {
    return OptionalLong.empty();
  }

  /**
   * How far this task is behind on one of its input partitions: the records of the partition not
   * yet handed to the task (the consumer's lag against the high watermark, or the last stable
   * offset when reading committed records, plus what the container has fetched but not yet handed
   * over), as of the container's last refresh (every 0.5 s). 0 means the task has caught up: every
   * record written so far has reached it. Not a Samza method; the streams API uses it so that an
   * input partition counts as idle only once it has caught up.
   *
   * @param partition one of {@link #getSystemStreamPartitions()}
   * @return the lag in records, or empty while it is not known (during {@code init}, before the
   *     consumer first fetched the partition) or when the container does not say (the default)
   */
  default OptionalLong getLag(SystemStreamPartition partition) {
    return OptionalLong.empty();
  }
}
