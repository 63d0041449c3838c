/**
 * The container's and tasks' Micrometer meters (names and tags in
 * {@link io.strand.container.metrics.MeterNames}) and the JMX registry of the default reporter
 * ({@link io.strand.container.metrics.MetricsRegistries}); which registries a container's meters
 * go to is chosen by its metrics reporters ({@code io.strand.metrics.reporter}).
 */
package io.strand.container.metrics;
