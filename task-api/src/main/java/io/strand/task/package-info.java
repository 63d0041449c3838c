/**
 * The task interfaces a job author implements, and what the container hands them, mirroring
 * Samza's low-level API. A task class implements {@link io.strand.task.StreamTask} or
 * {@link io.strand.task.AsyncStreamTask}, plus any of the lifecycle interfaces.
 */
package io.strand.task;
