/**
 * The planner: the {@code ApplicationKind} that loads a {@code StreamApplication} and the keys its
 * graph stands for (inputs, intermediate topics, stores and changelogs, serdes). Reads the graph
 * and runtime packages.
 */
package io.strand.streams.internal.plan;
