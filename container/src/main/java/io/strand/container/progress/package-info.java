/**
 * Progress of a running job for a console: {@link io.strand.container.progress.JobProgress} (records
 * restored and processed, lag) read from the containers' meters by
 * {@link io.strand.container.progress.ContainerProgress}, turned into rates and ETAs by
 * {@link io.strand.container.progress.ProgressLine} and printed by
 * {@link io.strand.container.progress.ProgressPrinter}: one line updated in place on a terminal,
 * plain periodic lines otherwise. Used by {@code run-job} and the flights demo.
 */
package io.strand.container.progress;
