/**
 * The status page of a running job, for every runner (thread, process, YARN): what a runner knows
 * of its containers ({@link io.strand.container.status.StatusSource}), a short bounded history of
 * the containers' reports ({@link io.strand.container.status.ReportHistory}), the values the page
 * and {@code status.json} show ({@link io.strand.container.status.JobView} and its parts), the HTML
 * rendering with uPlot charts served from the jar ({@link io.strand.container.status.StatusPage}),
 * and the small HTTP server that serves them and receives reports
 * ({@link io.strand.container.status.StatusServer}).
 *
 * <p>Arrows: uses {@code container.report} (the reports) and {@code container.model} (which tasks
 * and partitions each container has); used by the runners and the YARN application master.
 */
package io.strand.container.status;
