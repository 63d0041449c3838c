package io.strand.streams;

import io.strand.serializers.StringSerde;
import java.time.Duration;

/**
 * Queryable streams state: values are {@code <event time ms>}; counts per key in store
 * {@code word-counts} and per key and 1-second tumbling window (a day of grace, so no window closes
 * during a test) in store {@code word-windows}; each key's last value in table store
 * {@code latest-time}; per key and count window of 7 records in store {@code word-count-windows}
 * (each key's open window is queryable); and the input joined with {@code test.right} within 1 s
 * (a day of grace, so no buffered record expires during a test) by join {@code pairs}, whose
 * buffers {@code pairs-this-join-store} and {@code pairs-other-join-store} are queryable.
 */
public class QueryApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, String> input = graph.stream(in, Consumed.with(new StringSerde(), new StringSerde())
        .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v)));
    input.toTable(Materialized.as("latest-time")); // a table: each key's last value
    KGroupedStream<String, String> grouped = input.groupByKey();
    grouped.count(Materialized.as("word-counts")).mapValues(String::valueOf).to(out);
    grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(1), Duration.ofDays(1)))
        .count(Materialized.as("word-windows"))
        .map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n))).to(out + "-windows");
    grouped.windowedBy(CountWindows.of(7)).count(Materialized.as("word-count-windows"))
        .map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n))).to(out + "-count-windows");
    KStream<String, String> right = graph.stream(graph.config().get("test.right").orElseThrow(),
        Consumed.with(new StringSerde(), new StringSerde())
            .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v)));
    input.join(right, (l, r) -> l + "+" + r, JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(1),
        Duration.ofDays(1)), StreamJoined.<String, String, String>as("pairs").withName("pairs")).to(out + "-pairs");
  }
}
