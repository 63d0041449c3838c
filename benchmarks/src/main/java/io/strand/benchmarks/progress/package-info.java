/**
 * How a worker JVM tells the harness how far it got: the {@link io.strand.benchmarks.progress.Progress}
 * hook every engine's task code calls once per record, and the {@link
 * io.strand.benchmarks.progress.WorkerProtocol} lines (READY, START, END) it prints on stdout.
 * Uses no other package of the module, so the engines' task code and the harness both depend on
 * it and not on each other.
 */
package io.strand.benchmarks.progress;
