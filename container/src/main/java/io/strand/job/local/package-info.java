/**
 * The runner names of Samza's {@code org.apache.samza.job.local}, as thin aliases of the
 * container's runners, so a Samza properties file ports by rewriting its package names.
 */
package io.strand.job.local;
