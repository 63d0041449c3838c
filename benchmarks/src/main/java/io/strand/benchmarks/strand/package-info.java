/**
 * The Strand side of every workload: the stream tasks (pass-through, count, windowed count) and
 * the job config a worker runs them with ({@link io.strand.benchmarks.strand.StrandJobConfig}).
 */
package io.strand.benchmarks.strand;
