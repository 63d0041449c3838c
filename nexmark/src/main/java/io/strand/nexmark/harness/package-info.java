/**
 * {@code bin/nexmark}: the suite runner ({@link io.strand.nexmark.harness.NexmarkCommand}), which
 * starts the broker in its own JVM, writes the generation once, runs each query on each engine in
 * a fresh worker JVM per round, checks the engines agree and writes the report.
 */
package io.strand.nexmark.harness;
