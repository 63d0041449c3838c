/**
 * Logging helpers shared by the container's send and receive paths:
 * {@link io.strand.container.logging.RateLimitedLog} keeps a stream of bad messages from
 * flooding the log. Depends on nothing of the container.
 */
package io.strand.container.logging;
