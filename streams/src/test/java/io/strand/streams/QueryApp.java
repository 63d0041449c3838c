package io.strand.streams;

import io.strand.serializers.StringSerde;
import java.time.Duration;

/**
 * Queryable streams state: values are {@code <event time ms>}; counts per key in store
 * {@code word-counts} and per key and 1-second tumbling window (a day of grace, so no window closes
 * during a test) in store {@code word-windows}; each key's last value in table store
 * {@code latest-time}.
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
  }
}
