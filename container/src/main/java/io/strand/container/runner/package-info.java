/**
 * Runners: local (every container a thread, {@code ThreadJobFactory}) and process (one child JVM
 * per container, restarted on failure, {@code ProcessJobFactory}), the container JVM's entry point
 * {@code ContainerMain}, and the restart policy.
 */
package io.strand.container.runner;
