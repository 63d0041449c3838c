/**
 * The runner name of Samza's {@code org.apache.samza.job.yarn}, as a thin alias of Strand's YARN
 * runner, so a Samza properties file ports by rewriting its package names.
 */
package io.strand.job.yarn;
