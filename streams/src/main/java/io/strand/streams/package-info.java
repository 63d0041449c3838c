/**
 * The declarative streams API: a {@link io.strand.streams.StreamApplication} builds a graph of
 * {@link io.strand.streams.KStream} and {@link io.strand.streams.KTable} operators (Kafka Streams'
 * DSL names), with event-time windows and watermarks, tables, global tables and joins; Strand compiles it to ordinary tasks, changelogged stores and intermediate
 * topics. The implementation lives in {@code io.strand.streams.internal.*}.
 */
package io.strand.streams;
