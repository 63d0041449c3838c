/**
 * The deterministic Nexmark event generator ({@link io.strand.nexmark.generator.EventGenerator}, pure)
 * and what writes its events to Kafka ({@link io.strand.nexmark.generator.NexmarkGenerator},
 * {@link io.strand.nexmark.generator.NexmarkTopicAdmin}, the {@code nexmark-generate} command).
 */
package io.strand.nexmark.generator;
