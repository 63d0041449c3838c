package io.strand.container.status;

/**
 * Commits (checkpoints) a container made between two of its reports.
 *
 * <p>Threading: an immutable value.
 *
 * @param timeMs when the latest of them was first seen, in epoch ms
 * @param containerId the container
 * @param tasks how many of its tasks committed
 * @param commits how many task commits, summed over those tasks
 * @param meanDurationMs how long one took on average, in ms (a container commits its due tasks
 *     together, so each task records the duration of the whole commit)
 */
public record CommitEntry(long timeMs, String containerId, int tasks, long commits, double meanDurationMs) {}
