package io.strand.container.checkpoint;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes a job's checkpoints. The Kafka implementation keeps them in the compacted
 * checkpoint topic {@code __strand-checkpoint-<job.name>-<job.id>}.
 *
 * <p>Threading: {@link #start()} and {@link #readLastCheckpoints()} are called once by the
 * container before its run loop starts; {@link #write(Checkpoint)} is called from the commit path,
 * one caller at a time per task.
 */
public interface CheckpointManager extends AutoCloseable {

  /**
   * Whether the checkpoint store exists. A container asks before {@link #start()} (which creates a
   * missing one): a job that has run before but whose store is missing has lost its checkpoints,
   * while a job that ran and never committed still has its store, with no checkpoint in it.
   *
   * @return true if the store exists
   * @throws IllegalStateException if the answer cannot be had
   */
  boolean exists();

  /**
   * Creates the checkpoint store if it is missing (and validates it when present).
   *
   * @throws io.strand.config.ConfigException if the store exists but cannot be used (for example a
   *     checkpoint topic that is not compacted)
   */
  void start();

  /**
   * The newest checkpoint of every task that has one.
   *
   * @return checkpoints by task; tasks never checkpointed are absent
   * @throws IllegalStateException if a checkpoint was written by a job with a different SSP
   *     grouper, naming both groupers
   */
  Map<TaskName, Checkpoint> readLastCheckpoints();

  /**
   * Writes the checkpoints of one commit and returns only once every one is durable
   * (acknowledged by the broker). They are sent together and acknowledged together: a commit of
   * many tasks waits for one round trip, not one per task.
   *
   * @param checkpoints the checkpoints, at most one per task
   * @throws RuntimeException if a write fails; the caller must treat the commit as failed
   */
  void write(List<Checkpoint> checkpoints);

  /**
   * Called by the commit path once the commit's outputs are sent and before it waits for their
   * acknowledgements, with the input offsets (last processed offset per input partition) that the
   * checkpoints of this commit will hold: no message is in flight during a commit, so they do not
   * change before {@link #write(List)}. A manager may start work here that needs nothing to be
   * durable yet and makes nothing visible before {@link #write(List)}; the exactly-once manager
   * sends the consumer group offsets into the open transaction, so that round trip overlaps the
   * wait for the outputs. Does nothing by default.
   *
   * @param inputOffsets per committing task, its last processed offset per input partition
   * @throws RuntimeException if the work fails; the caller must treat the commit as failed
   */
  default void prepare(Map<TaskName, Map<SystemStreamPartition, Long>> inputOffsets) {
  }

  /**
   * Writes one checkpoint, as {@link #write(List)}.
   *
   * @param checkpoint the checkpoint
   * @throws RuntimeException if the write fails; the caller must treat the commit as failed
   */
  default void write(Checkpoint checkpoint) {
    write(List.of(checkpoint));
  }

  /** Releases clients; no exception for an already closed manager. */
  @Override
  void close();
}
