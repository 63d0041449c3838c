/**
 * The small JSON protocol between a running container and whoever shows its job's status (the
 * YARN application master, the process runner's parent): periodic {@link
 * io.strand.container.report.ContainerReport}s read from the container's meters (lag, records
 * processed, commits, restore progress), the {@link io.strand.container.report.ReportReply} that
 * carries a stop request, and the client and reporting thread that send them.
 *
 * <p>Arrows: reads meter names from {@code container.metrics}; used by {@code container.status},
 * the runners and the YARN module; uses nothing else of the container.
 */
package io.strand.container.report;
