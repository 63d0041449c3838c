/**
 * Runs the suite: the broker in its own JVM, topics, the input and restore fixture loaded once,
 * rounds of workloads each in a fresh worker JVM, the latency runs, and the checks that every run
 * did its work (output counts, restored state). The numbers never fail a run; the checks do.
 */
package io.strand.benchmarks.harness;
