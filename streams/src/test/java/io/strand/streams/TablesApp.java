package io.strand.streams;

import io.strand.config.Config;
import io.strand.testkit.kill.KillThrottle;

/**
 * The table operators and joins, one graph per {@code test.kind}; topics from {@code test.*} so each
 * run has its own. Values are strings; joined values are {@code left|right} with {@code null} for a
 * missing side.
 */
public class TablesApp implements StreamApplication {

  /** An order's customer: before the {@code ':'}; none (a null foreign key) when that is empty. */
  static String customerOf(String order) {
    String customer = order.split(":")[0];
    return customer.isEmpty() ? null : customer;
  }

  static String joined(Object left, Object right) {
    return left + "|" + right;
  }

  @Override
  public void describe(StreamGraph graph) {
    Config config = graph.config();
    String out = config.get("test.out").orElseThrow();
    switch (config.get("test.kind").orElseThrow()) {
      case "stream-table" -> {
        KStream<String, String> orders = graph.stream(config.get("test.stream").orElseThrow());
        KTable<String, String> customers = graph.table(config.get("test.table").orElseThrow());
        orders.join(customers, TablesApp::joined).to(out + "-inner");
        orders.leftJoin(customers, TablesApp::joined).to(out + "-left");
      }
      case "global" -> {
        KStream<String, String> orders = graph.stream(config.get("test.stream").orElseThrow());
        GlobalKTable<String, String> customers = graph.globalTable(config.get("test.table").orElseThrow());
        orders.join(customers, (k, v) -> v.split(":")[0], TablesApp::joined).to(out + "-inner");
        orders.leftJoin(customers, (k, v) -> v.split(":")[0], TablesApp::joined).to(out + "-left");
      }
      case "table-table" -> {
        KTable<String, String> left = graph.table(config.get("test.left").orElseThrow());
        KTable<String, String> right = graph.table(config.get("test.right").orElseThrow());
        left.join(right, TablesApp::joined).toStream().to(out + "-inner");
        left.leftJoin(right, TablesApp::joined).toStream().to(out + "-left");
        left.outerJoin(right, TablesApp::joined).toStream().to(out + "-outer");
      }
      case "table-ops" -> {
        // Old values matter here: a row that stops passing the filter is deleted downstream only if
        // the store held it, so after a restart the output shows whether the restore was exact.
        KTable<String, String> table = graph.table(config.get("test.table").orElseThrow());
        table.filter((k, v) -> !v.startsWith("x")).mapValues(v -> v.toUpperCase()).toStream().to(out + "-kept");
        KStream<String, String> events = graph.stream(config.get("test.stream").orElseThrow());
        KTable<String, Long> counts = events.groupByKey().count(Materialized.as("event-counts")).toTable();
        counts.filterNot((k, n) -> n % 2 == 1).toStream().mapValues(n -> n == null ? null : String.valueOf(n))
            .to(out + "-even-counts");
      }
      case "fk" -> {
        // orders: order -> "customer:amount"; customers: customer -> name.
        KTable<String, String> orders = graph.table(config.get("test.left").orElseThrow());
        KTable<String, String> customers = graph.table(config.get("test.right").orElseThrow());
        orders.join(customers, TablesApp::customerOf, TablesApp::joined, TableJoined.as("orders-customers"))
            .toStream().to(out + "-inner");
        orders.leftJoin(customers, TablesApp::customerOf, TablesApp::joined, TableJoined.as("orders-customers-left"))
            .toStream().to(out + "-left");
      }
      case "kill" -> {
        // A row leaves the filter (a tombstone downstream) only if the store held it: after a
        // crash the output shows whether the table was restored to exactly the checkpointed state.
        KillThrottle throttle = KillThrottle.of(config::get);
        graph.<String, String>table(config.get("test.table").orElseThrow())
            .filter((k, v) -> {
              throttle.onRecord();
              return Long.parseLong(v) % 3 != 0;
            })
            .toStream().to(out);
      }
      case "copartition" -> {
        KStream<String, String> orders = graph.stream(config.get("test.stream").orElseThrow());
        KTable<String, String> customers = graph.table(config.get("test.table").orElseThrow());
        orders.join(customers, TablesApp::joined).to(out);
      }
      default -> throw new IllegalArgumentException("test.kind");
    }
  }
}
