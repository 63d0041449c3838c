package io.strand.container.status;

/**
 * A container process that ended before its container was done: it was started again, or its
 * failure ended the job.
 *
 * <p>Threading: an immutable value.
 *
 * @param timeMs when the runner saw it end, in epoch ms
 * @param containerId the logical container id
 * @param processId the process that ended (YARN container id, pid), empty if none
 * @param exit how it ended (exit code and cause), one line
 * @param restarted whether the runner started it again
 */
public record RestartEvent(long timeMs, String containerId, String processId, String exit, boolean restarted) {}
