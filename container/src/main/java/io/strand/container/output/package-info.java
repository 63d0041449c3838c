/**
 * The send path: the container's producers (one per output system, created on first use), the
 * {@link io.strand.task.MessageCollector} that serializes and partitions outgoing envelopes as
 * Kafka's default partitioner does, output topics checked or created before their first send
 * ({@code strand.outputs.create}, {@code systems.<s>.default.stream.*},
 * {@code systems.<s>.streams.<t>.*}), and send-failure tracking for the commit path.
 */
package io.strand.container.output;
