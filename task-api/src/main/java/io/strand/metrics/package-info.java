/**
 * Metrics a job defines for itself, as Samza's {@code org.apache.samza.metrics}: a task gets its
 * {@link io.strand.metrics.MetricsRegistry} from {@code TaskContext.getTaskMetricsRegistry()} (or the
 * container's from {@code ContainerContext.getContainerMetricsRegistry()}) and makes
 * {@link io.strand.metrics.Counter}s, {@link io.strand.metrics.Gauge}s and
 * {@link io.strand.metrics.Timer}s there. The container backs them with its Micrometer meters, so they
 * are reported (JMX) with Strand's own meters, tagged with job, container, task and group.
 *
 * <p>The names and methods are Samza's, so a Samza job's metrics code ports by replacing
 * {@code org.apache.samza.} with {@code io.strand.}. Unlike Samza's classes these are interfaces
 * implemented by the container: a meter is always made by a registry ({@code newCounter(group, name)}
 * and its siblings), never constructed by the job and registered afterwards.
 */
package io.strand.metrics;
