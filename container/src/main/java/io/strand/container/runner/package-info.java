/**
 * Runners: local (every container a thread, {@code ThreadJobFactory}) and process (one child JVM
 * per container, restarted on failure, {@code ProcessJobFactory}), the container JVM's entry point
 * {@code ContainerMain}, the restart policy, and the local runners' status page
 * ({@code LocalStatusPage}, built on {@code container.status}).
 */
package io.strand.container.runner;
