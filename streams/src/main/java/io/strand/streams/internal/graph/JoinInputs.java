package io.strand.streams.internal.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The inputs each table join of a graph reads, for the co-partitioning check
 * ({@link GraphBuilder#coPartitioned}): the sources (authors' topics or intermediate topics) nearest
 * to each side. A task joins partition <i>n</i> of each, so they need the same partition count.
 * Global tables are not listed: every task holds all of them. A foreign-key join has two groups,
 * {@code <name>-subscription} (its subscription topic with the right table) and
 * {@code <name>-response} (its response topic with the left table).
 *
 * @param join the join operator's name
 * @param left the sources feeding the left (calling) side
 * @param right the sources feeding the right side
 */
public record JoinInputs(String join, List<SourceNode> left, List<SourceNode> right) {

  /**
   * The joins of a graph.
   *
   * @param graph the described graph
   * @return each stream-table and table-table join with its inputs, in graph order
   */
  public static List<JoinInputs> of(GraphBuilder graph) {
    List<JoinInputs> joins = new ArrayList<>();
    Set<Node> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    List<Node> todo = new ArrayList<>(graph.sources());
    while (!todo.isEmpty()) {
      Node n = todo.remove(0);
      if (!seen.add(n)) {
        continue;
      }
      if (n instanceof StreamTableJoinNode j && j.tableNode() != null) {
        joins.add(new JoinInputs(j.name(), KStreamImpl.upstreamSources(j.parents().get(0)),
            KStreamImpl.upstreamSources(j.tableNode())));
      } else if (n instanceof ForeignKeyJoinNode f && f.peer() != null) {
        String group = f.spec().name() + (f.part() == ForeignKeyJoinNode.Part.RESPONSE ? "-response" : "-subscription");
        joins.add(new JoinInputs(group, KStreamImpl.upstreamSources(f.parents().get(0)),
            KStreamImpl.upstreamSources(f.peer())));
      } else if (n instanceof TableJoinNode j && j.leftSide()) {
        joins.add(new JoinInputs(j.name().replaceFirst("-left$", ""), KStreamImpl.upstreamSources(j.parents().get(0)),
            KStreamImpl.upstreamSources(j.otherInput())));
      }
      todo.addAll(n.children());
    }
    return joins;
  }

  /** @return every source of both sides, without duplicates */
  public List<SourceNode> all() {
    Set<SourceNode> all = new java.util.LinkedHashSet<>(left);
    all.addAll(right);
    return new ArrayList<>(all);
  }

}
