/**
 * The Strand container process on YARN: its JVM entry point
 * ({@link io.strand.yarn.container.YarnContainerMain}, started by the AM through
 * {@code bin/run-container.sh} or directly in class-path mode), which fetches the job model from
 * the AM, runs the container module's container, and reports lag, commits and restore progress
 * built from its meters back to the AM, stopping when the AM's reply asks it to.
 *
 * <p>Arrows: uses the container module's {@code container.report} (reports, their client and
 * reporting thread) only; the AM names its main class.
 */
package io.strand.yarn.container;
