/**
 * SSP groupers: how a job's input partitions become tasks ({@code GroupByPartition}, the default,
 * and {@code GroupBySystemStreamPartition}), chosen by
 * {@code job.systemstreampartition.grouper.factory} as in Samza.
 */
package io.strand.container.grouper;
