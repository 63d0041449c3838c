/**
 * The submitting side: {@link io.strand.yarn.client.YarnSubmitter} stages the effective config and
 * starts the application master in a new YARN application;
 * {@link io.strand.yarn.client.YarnApplications} maps an application report to a job status and
 * reaches the AM's HTTP endpoints (graceful kill, {@code status.json}) for the client tools.
 *
 * <p>Arrows: uses {@code launch} and names the AM's main class from {@code am}; the AM never uses
 * this package.
 */
package io.strand.yarn.client;
