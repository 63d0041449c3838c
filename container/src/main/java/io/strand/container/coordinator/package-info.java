/**
 * The job coordinator's part of starting a job: the coordinator topic
 * ({@link io.strand.container.coordinator.CoordinatorStream}), where a job's model and container
 * locality are kept so every container (and a restarted runner) agrees on them, and
 * {@link io.strand.container.coordinator.JobModels}, which plans the model from the config and
 * the input topics' metadata, publishes it there and reads it back. Uses the model package;
 * the model package knows nothing of where models are kept.
 */
package io.strand.container.coordinator;
