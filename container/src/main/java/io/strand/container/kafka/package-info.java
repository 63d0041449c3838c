/**
 * The job's Kafka systems ({@code systems.<name>.*}): the clients made from each system's
 * settings over Strand's defaults ({@link io.strand.container.kafka.KafkaSystem}), and topic
 * metadata and administration across systems ({@link io.strand.container.kafka.TopicMetadata},
 * {@link io.strand.container.kafka.TopicAdmin}). Knows nothing of tasks or checkpoints.
 */
package io.strand.container.kafka;
