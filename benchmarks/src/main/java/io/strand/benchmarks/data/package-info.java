/**
 * The input every workload reads and what it should give: its shape ({@link
 * io.strand.benchmarks.data.DataSpec}), keys and payloads, the loaders of the input topic and of
 * the restore workloads' count changelog, the expected results, and the settings of the harness's
 * own Kafka clients ({@link io.strand.benchmarks.data.HarnessClients}). Uses no other package of
 * the module.
 */
package io.strand.benchmarks.data;
