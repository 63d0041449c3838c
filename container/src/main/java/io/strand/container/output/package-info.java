/**
 * The send path: the container's producers (one per output system, created on first use), the
 * {@link io.strand.task.MessageCollector} that serializes and partitions outgoing envelopes as
 * Kafka's default partitioner does, and send-failure tracking for the commit path.
 */
package io.strand.container.output;
