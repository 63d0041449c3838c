package io.strand.task;

/**
 * A {@link TaskFactory} of asynchronous tasks ({@link AsyncStreamTask}), as Samza's
 * {@code AsyncStreamTaskFactory}.
 */
@FunctionalInterface
public interface AsyncStreamTaskFactory extends TaskFactory<AsyncStreamTask> {
}
