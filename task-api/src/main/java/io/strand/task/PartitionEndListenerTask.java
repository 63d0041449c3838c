package io.strand.task;

import io.strand.system.SystemStreamPartition;

/**
 * A task told when each of its bounded input partitions is used up, before (and besides) the
 * {@link EndOfStreamListenerTask#onEndOfStream} that follows once all of them are. Strand's
 * addition to Samza's API: the streams API needs it to pass the end of an input on to the tasks
 * downstream of a repartition (as Samza's end-of-stream control messages travel through
 * intermediate streams), since those tasks' own end depends on it.
 *
 * <p>Called once per partition per container run, on the container's thread, with nothing of the
 * task in flight; also after a restart from a checkpoint taken after the end (unlike
 * {@code onEndOfStream}, which is not repeated), so the task can pass the end on again.
 */
public interface PartitionEndListenerTask {

  /**
   * One input partition reached its end.
   *
   * @param ssp the partition
   * @param collector where to send output; valid only during this call
   * @param coordinator to ask for a commit, a shutdown or the end of another input; valid only
   *     during this call
   * @throws Exception anything; it fails the container as an exception from {@code process} would
   */
  void onPartitionEnd(SystemStreamPartition ssp, MessageCollector collector, TaskCoordinator coordinator)
      throws Exception;
}
