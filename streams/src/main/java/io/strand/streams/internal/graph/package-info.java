/**
 * The described graph: the {@link io.strand.streams.StreamGraph} and {@link io.strand.streams.KStream}
 * implementations a {@code describe} call fills (and the tables': {@code KTableImpl},
 * {@code GlobalKTableImpl}, built by {@code Tables}), and the operator nodes (sources, stateless
 * transforms, sinks, processors, aggregations, table stores and joins, with the
 * {@link io.strand.streams.internal.graph.TableView} a join's lookup reads) the planner and the runtime read.
 */
package io.strand.streams.internal.graph;
