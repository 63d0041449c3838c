/**
 * The job model as a task sees it, at Samza's {@code org.apache.samza.job.model} names:
 * {@link io.strand.job.model.TaskModel}, what {@code TaskContext.getTaskModel()} returns, and
 * {@link io.strand.job.model.ContainerModel}, what {@code ContainerContext.getContainerModel()}
 * returns. (The
 * container's own job model, with containers and their assignment, is
 * {@code io.strand.container.model} in the container module.)
 */
package io.strand.job.model;
