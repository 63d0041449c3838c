/**
 * The harness's side of a measurement: starting a worker JVM and following it (CPU time at its
 * START and END lines, its result file), and the end-to-end latency probe at a fixed offered load.
 */
package io.strand.benchmarks.measure;
