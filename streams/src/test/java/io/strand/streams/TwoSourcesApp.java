package io.strand.streams;

import io.strand.serializers.StringSerde;
import java.time.Duration;

/**
 * Two sources in one task: stream {@code test.a} and stream {@code test.b} (values are event times,
 * ms), {@code b} re-keyed through the repartition topic {@code b-re}. Tumbling 1 s window counts
 * of {@code a} alone go to {@code <test.out>-a}; of {@code a} merged with the repartitioned
 * {@code b} to {@code <test.out>-ab}; both as {@code key@start/end -> count}.
 */
public class TwoSourcesApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, String> a = graph.stream(graph.config().get("test.a").orElseThrow(), consumed());
    KStream<String, String> b = graph.stream(graph.config().get("test.b").orElseThrow(), consumed());
    KStream<String, String> bRepartitioned = b.selectKey((k, v) -> "r" + k).repartition(Repartitioned.as("b-re"));
    TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1));
    a.groupByKey().windowedBy(windows).count(Materialized.as("a-counts"))
        .map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n))).to(out + "-a");
    a.merge(bRepartitioned).groupByKey().windowedBy(windows).count(Materialized.as("ab-counts"))
        .map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n))).to(out + "-ab");
  }

  private static Consumed<String, String> consumed() {
    return Consumed.with(new StringSerde(), new StringSerde())
        .withTimestampExtractor((k, v, ts) -> Long.parseLong(v));
  }
}
