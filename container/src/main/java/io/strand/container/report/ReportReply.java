package io.strand.container.report;

/**
 * The answer to a {@link ContainerReport}: {@code {"stop":true}} asks the container to stop
 * gracefully (finish in-flight work, commit, close its tasks, exit 0), which is how a kill reaches
 * containers without depending on the NodeManager's SIGTERM-to-SIGKILL delay.
 *
 * <p>Threading: an immutable value.
 *
 * @param stop whether the container must stop
 */
public record ReportReply(boolean stop) {}
