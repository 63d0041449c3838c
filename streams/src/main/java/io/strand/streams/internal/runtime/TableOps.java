package io.strand.streams.internal.runtime;

import io.strand.context.TaskContext;
import io.strand.config.Config;
import io.strand.streams.internal.graph.ForeignKeyJoinNode;
import io.strand.streams.internal.graph.Node;
import io.strand.streams.internal.graph.StreamTableJoinNode;
import io.strand.streams.internal.graph.TableJoinNode;
import io.strand.streams.internal.graph.TableMapNode;
import io.strand.streams.internal.graph.TableStoreNode;
import io.strand.system.SystemStreamPartition;
import java.util.List;

/** What {@link GraphTask} does for tables: their runtime operators, and the restore of source tables at init. */
final class TableOps {

  private TableOps() {
  }

  /**
   * The runtime operator of a table node.
   *
   * @param node a node
   * @return its operator, or null if it is not a table node
   */
  static Op build(Node node) {
    if (node instanceof TableStoreNode t) {
      return new TableStoreOp(t);
    }
    if (node instanceof TableMapNode m) {
      return new TableMapOp(m.name(), m.function());
    }
    if (node instanceof StreamTableJoinNode j) {
      return new StreamTableJoinOp(j);
    }
    if (node instanceof TableJoinNode j) {
      return new TableJoinOp(j);
    }
    if (node instanceof ForeignKeyJoinNode f) {
      return ForeignKeyJoinOps.build(f);
    }
    return null;
  }

  /**
   * Restores the tables a source partition of the task feeds (see {@link SourceTableRestore}), up
   * to the offset the task's input resumes at.
   *
   * @param config the job config
   * @param context the task's context
   * @param ssp a partition of a table source
   * @param roots the operators the source feeds
   * @throws IllegalStateException if the container does not say where the input resumes
   */
  static void restore(Config config, TaskContext context, SystemStreamPartition ssp, List<Op> roots) {
    for (Op op : roots) {
      if (op instanceof TableStoreOp table) {
        long upTo = context.getStartingOffset(ssp).orElseThrow(() -> new IllegalStateException("task '"
            + context.getTaskName() + "' cannot restore table '" + table.name + "': the container does not say at"
            + " which offset its input " + ssp + " resumes"));
        SourceTableRestore.restore(config, ssp, upTo, table.store, context.getTaskName().getTaskName());
      }
    }
  }
}
