/**
 * The declarative streams API: a {@link io.strand.streams.StreamApplication} builds a graph of
 * {@link io.strand.streams.KStream} operators (Kafka Streams' DSL names), with event-time windows
 * and watermarks; Strand compiles it to ordinary tasks, changelogged stores and intermediate
 * topics. The implementation lives in {@code io.strand.streams.internal.*}.
 */
package io.strand.streams;
