/**
 * The Kafka system and stream descriptors, as Samza 1.x's
 * {@code org.apache.samza.system.kafka.descriptors}.
 */
package io.strand.system.kafka.descriptors;
