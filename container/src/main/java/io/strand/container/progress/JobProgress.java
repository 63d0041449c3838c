package io.strand.container.progress;

import java.util.Objects;

/**
 * How far a job (or one container of it) has come, as read from its meters.
 *
 * <p>Threading: an immutable value.
 *
 * @param phase what the job is doing
 * @param restoredRecords changelog records restored into stores so far, in records
 * @param restoreTotalRecords changelog records the stores have to restore (offset spans; compaction
 *     may leave the restored count below it), in records
 * @param processedRecords input messages the tasks have finished processing, in records
 * @param lagRecords input records not yet processed: per input partition, its high watermark minus the
 *     next offset to process, summed (0 for a bounded input that ended), in records
 */
public record JobProgress(Phase phase, long restoredRecords, long restoreTotalRecords, long processedRecords,
    long lagRecords) {

  /** What a job is doing, in the order a container goes through them. */
  public enum Phase {
    /** No store restored and no task running yet. */
    STARTING,
    /** Restoring stores from their changelogs. */
    RESTORING,
    /** Tasks are processing input. */
    PROCESSING
  }

  /** Nothing known yet. */
  public static final JobProgress STARTING = new JobProgress(Phase.STARTING, 0, 0, 0, 0);

  /** Checks the phase is given. */
  public JobProgress {
    Objects.requireNonNull(phase, "phase");
  }

  /**
   * The progress of two parts of a job together: counts add up; the phase is restoring while any part
   * restores, else processing when any part processes.
   *
   * @param other another container's progress
   * @return the sum
   */
  public JobProgress plus(JobProgress other) {
    Phase p = phase == Phase.RESTORING || other.phase == Phase.RESTORING ? Phase.RESTORING
        : phase == Phase.PROCESSING || other.phase == Phase.PROCESSING ? Phase.PROCESSING : Phase.STARTING;
    return new JobProgress(p, restoredRecords + other.restoredRecords, restoreTotalRecords + other.restoreTotalRecords,
        processedRecords + other.processedRecords, lagRecords + other.lagRecords);
  }
}
