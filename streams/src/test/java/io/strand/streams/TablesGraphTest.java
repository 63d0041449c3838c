package io.strand.streams;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.streams.internal.graph.GraphBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Describe-time errors of tables and joins: each names what is wrong and what to do. */
class TablesGraphTest {

  private static GraphBuilder graph() {
    return new GraphBuilder(Config.of(Map.of("job.name", "j")), "kafka", "j-1-");
  }

  @Test
  void aStreamTableJoinAfterAKeyChangeAsksForARepartition() {
    GraphBuilder graph = graph();
    KTable<String, String> table = graph.table("customers");
    KStream<String, String> rekeyed = graph.<String, String>stream("orders").selectKey((k, v) -> v);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> rekeyed.join(table, (a, b) -> a + b));
    assertTrue(e.getMessage().contains("repartition"), e.getMessage());
    // Repartitioned first, it is accepted; a global table needs no co-partitioning at all.
    rekeyed.repartition(Repartitioned.as("by-customer")).join(table, (a, b) -> a + b);
    rekeyed.leftJoin(graph.<String, String>globalTable("regions"), (k, v) -> v, (a, b) -> a + b);
  }

  @Test
  void aForeignKeyJoinNeedsANameAndTablesWithStoresAndItsResultIsForToStream() {
    GraphBuilder graph = graph();
    KTable<String, String> orders = graph.table("orders");
    KTable<String, String> customers = graph.table("customers");
    assertThrows(IllegalArgumentException.class, () -> orders.join(customers, v -> v, (a, b) -> a + b,
        new TableJoined(null)));
    IllegalArgumentException derived = assertThrows(IllegalArgumentException.class, () ->
        orders.mapValues(v -> v).join(customers, v -> v, (a, b) -> a + b, TableJoined.as("fk")));
    assertTrue(derived.getMessage().contains("toTable"), derived.getMessage());
    KTable<String, String> joined = orders.join(customers, v -> v, (a, b) -> a + b, TableJoined.as("fk"));
    IllegalArgumentException filtered = assertThrows(IllegalArgumentException.class,
        () -> joined.filter((k, v) -> true));
    assertTrue(filtered.getMessage().contains("toStream().toTable"), filtered.getMessage());
    joined.toStream().to("out");
  }

  @Test
  void aTopicIsOneInputWhetherStreamOrTable() {
    GraphBuilder graph = graph();
    graph.stream("orders");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> graph.table("orders"));
    assertTrue(e.getMessage().contains("already an input"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> graph.globalTable("orders"));
  }

  @Test
  void aTableTableJoinNeedsTwoTablesOfTheSameGraph() {
    GraphBuilder graph = graph();
    KTable<String, String> left = graph.table("left");
    assertThrows(IllegalArgumentException.class, () -> left.join(left, (a, b) -> a + b));
    KTable<String, String> other = graph().table("right");
    assertThrows(IllegalArgumentException.class, () -> left.outerJoin(other, (a, b) -> a + b));
  }
}
