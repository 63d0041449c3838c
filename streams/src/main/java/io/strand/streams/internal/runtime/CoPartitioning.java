package io.strand.streams.internal.runtime;

import io.strand.streams.internal.graph.GraphBuilder;
import io.strand.streams.internal.graph.JoinInputs;
import io.strand.streams.internal.graph.SourceNode;

/**
 * Checks, when a task starts (the first moment every partition count is known: intermediate
 * topics are created by the job's coordinator), that both sides of every stream-table and
 * table-table join have the same partition count, as Kafka Streams' co-partitioning requirement:
 * a task joins partition <i>n</i> of each side, so with different counts a key's records and its
 * table row would be in different tasks and never meet.
 */
final class CoPartitioning {

  private CoPartitioning() {
  }

  /**
   * @param graph the graph
   * @param sizes the partition counts
   * @throws IllegalStateException naming the join, both topics and their counts, and suggesting a
   *     repartition, when two inputs of a join differ
   */
  static void check(GraphBuilder graph, TopicSizes sizes) {
    for (JoinInputs join : JoinInputs.of(graph)) {
      for (SourceNode l : join.left()) {
        for (SourceNode r : join.right()) {
          int lp = sizes.partitions(l.system(), l.topic());
          int rp = sizes.partitions(r.system(), r.topic());
          if (lp != rp) {
            throw new IllegalStateException("join '" + join.join() + "' needs co-partitioned inputs, but its left"
                + " input '" + l.topic() + "' has " + lp + " partition(s) and its right input '" + r.topic() + "' has "
                + rp + ": a task joins partition n of each, so keys would miss their match. Repartition the stream"
                + " side first (stream.repartition(Repartitioned.as(\"...\")); an intermediate topic gets the job's"
                + " largest partition count), or give both topics the same partition count");
          }
        }
      }
    }
  }
}
