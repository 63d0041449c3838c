package io.strand.streams.internal.graph;

/**
 * What a table operator passes down for one key: its new and its old value (null: absent), as
 * Kafka Streams' {@code Change}. Only table operators see it; {@code toStream} unwraps the new value.
 *
 * @param newValue the value now, or null when the key was deleted
 * @param oldValue the value before, or null when the key was absent
 */
public record Change(Object newValue, Object oldValue) { }
