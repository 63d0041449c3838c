/**
 * The container's and tasks' Micrometer meters (names and tags in
 * {@link io.strand.container.metrics.MeterNames}) and the JMX registry one container registers
 * them in ({@link io.strand.container.metrics.MetricsRegistries}).
 */
package io.strand.container.metrics;
