package io.strand.container.transaction;

import io.strand.container.TaskName;
import io.strand.container.checkpoint.Checkpoint;
import io.strand.container.checkpoint.CheckpointManager;
import io.strand.container.checkpoint.KafkaCheckpointManager;
import io.strand.system.SystemStreamPartition;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The checkpoints of an exactly-once container: written into the open transaction, with the
 * outputs and changelog records they cover, and made visible by committing it. {@link #write}
 * sends each checkpoint record through the transactional producer, adds the job's consumer group
 * offsets of the transaction system's inputs (so the group offsets, which a container falls back to
 * when its checkpoints are lost, match the checkpoints exactly), commits the transaction and opens
 * the next. The group offsets go into the transaction early, at {@link #prepare}, so their round
 * trip to the group coordinator overlaps the commit path's wait for the outputs; {@link #write}
 * sends them again only if the checkpoints name other offsets. Reading waits for the checkpoint
 * topic's open transactions to end (those of the job's other containers), so no committed
 * checkpoint behind one is missed.
 *
 * <p>Threading: as {@link CheckpointManager}; {@link #write} on one thread at a time, with no
 * send in flight.
 */
public final class TransactionalCheckpoints implements CheckpointManager {

  private final KafkaCheckpointManager topic;
  private final TransactionalProducer producer;
  private final String groupId;
  /** The group offsets {@link #prepare} added to the open transaction; null when none were. */
  private Map<TopicPartition, OffsetAndMetadata> prepared;

  /**
   * Checkpoints in {@code topic}, written through {@code producer}.
   *
   * @param topic the job's checkpoint topic, on the transaction's system
   * @param producer the container's transactional producer, started
   * @param groupId the job's consumer group
   */
  public TransactionalCheckpoints(KafkaCheckpointManager topic, TransactionalProducer producer, String groupId) {
    this.topic = topic;
    this.producer = producer;
    this.groupId = groupId;
  }

  @Override
  public boolean exists() {
    return topic.exists();
  }

  @Override
  public void start() {
    topic.start();
  }

  /**
   * Reads every committed checkpoint, waiting (up to the transaction timeout and a minute) for
   * transactions still open on the topic to end.
   */
  @Override
  public Map<TaskName, Checkpoint> readLastCheckpoints() {
    return topic.readLastCheckpoints(true, producer.settings().timeoutMs() + 60_000);
  }

  /**
   * Commits the open transaction with these checkpoints in it.
   *
   * @throws io.strand.container.errors.ContainerFailedException if the transaction cannot commit
   *     (fenced, timed out, a send failed); nothing of it is then visible
   */
  /**
   * Adds the consumer group offsets these input offsets make to the open transaction.
   *
   * @throws io.strand.container.errors.ContainerFailedException if the broker refused them
   */
  @Override
  public void prepare(Map<TaskName, Map<SystemStreamPartition, Long>> inputOffsets) {
    prepared = null;
    Map<TopicPartition, OffsetAndMetadata> offsets = groupOffsets(inputOffsets.values());
    producer.sendOffsets(offsets, groupId);
    prepared = offsets;
  }

  @Override
  public void write(List<Checkpoint> checkpoints) {
    for (Checkpoint checkpoint : checkpoints) {
      producer.producer().send(topic.toRecord(checkpoint));
    }
    Map<TopicPartition, OffsetAndMetadata> offsets =
        groupOffsets(checkpoints.stream().map(Checkpoint::inputOffsets).toList());
    // Offsets sent twice in one transaction: the later ones count.
    Map<TopicPartition, OffsetAndMetadata> missing = offsets.equals(prepared) ? Map.of() : offsets;
    prepared = null;
    producer.commit(missing, groupId);
  }

  // The next offset to read per input partition of the transaction's system; the slowest task for a broadcast input.
  private Map<TopicPartition, OffsetAndMetadata> groupOffsets(Collection<Map<SystemStreamPartition, Long>> inputs) {
    Map<TopicPartition, Long> lowest = new HashMap<>();
    String system = producer.settings().system();
    for (Map<SystemStreamPartition, Long> input : inputs) {
      for (Map.Entry<SystemStreamPartition, Long> e : input.entrySet()) {
        SystemStreamPartition ssp = e.getKey();
        if (ssp.getSystem().equals(system)) {
          lowest.merge(new TopicPartition(ssp.getStream(), ssp.partition().id()), e.getValue(), Math::min);
        }
      }
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    lowest.forEach((tp, last) -> offsets.put(tp, new OffsetAndMetadata(last + 1)));
    return offsets;
  }

  /** Closes the topic's reader clients; the producer belongs to the container's producer pool. */
  @Override
  public void close() {
    topic.close();
  }
}
