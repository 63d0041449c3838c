/**
 * Which job this is: {@link io.strand.container.job.JobIdentity} ({@code job.name},
 * {@code job.id}) with the topic, group and client names derived from it, and where the job's
 * own topics live ({@link io.strand.container.job.JobTopicSystem}). The lowest package of the
 * container: it depends on nothing of the container, and every other package may use it.
 */
package io.strand.container.job;
