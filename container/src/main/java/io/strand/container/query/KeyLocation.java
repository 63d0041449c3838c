package io.strand.container.query;

import io.strand.context.TaskName;
import java.util.Optional;

/**
 * Where a key of a store lives ({@link StoreLocator#locate}).
 *
 * @param partition the key's partition (and its task's changelog partition)
 * @param task the task that owns the key
 * @param containerId the container that runs the task in the job model
 * @param endpoint the container's query endpoint, or empty when it publishes none (queries off,
 *     or not started yet)
 */
public record KeyLocation(int partition, TaskName task, String containerId, Optional<QueryEndpoint> endpoint) {
}
