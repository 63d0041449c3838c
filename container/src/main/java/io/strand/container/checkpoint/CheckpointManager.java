package io.strand.container.checkpoint;

import io.strand.task.TaskName;
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
   * Writes one checkpoint and returns only once it is durable (acknowledged by the broker).
   *
   * @param checkpoint the checkpoint
   * @throws RuntimeException if the write fails; the caller must treat the commit as failed
   */
  void write(Checkpoint checkpoint);

  /** Releases clients; no exception for an already closed manager. */
  @Override
  void close();
}
