package io.strand.task;

/**
 * A {@link TaskFactory} of synchronous tasks ({@link StreamTask}), as Samza's
 * {@code StreamTaskFactory}.
 */
@FunctionalInterface
public interface StreamTaskFactory extends TaskFactory<StreamTask> {
}
