package io.strand.streams;

import io.strand.serializers.StringSerde;
import io.strand.testkit.kill.KillThrottle;
import java.time.Duration;

/**
 * Windowed counts on event time: values are {@code <event time ms>}; tumbling windows of
 * {@code test.size.ms} with {@code test.grace.ms} grace (or hopping by {@code test.advance.ms}),
 * or sessions with gap {@code test.gap.ms}, or count windows of {@code test.count}; results as
 * {@code key@start/end -> count}, late records to {@code <out>-late}. A kill test slows it with
 * {@link KillThrottle}'s keys.
 */
public class WindowsApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    String kind = graph.config().get("test.kind").orElse("time");
    long grace = graph.config().getLong("test.grace.ms", 0);
    KStream<String, String> input = graph.stream(in, Consumed.with(new StringSerde(), new StringSerde())
        .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v))
        .withOutOfOrderness(Duration.ofMillis(graph.config().getLong("test.ooo.ms", 0))));
    KillThrottle throttle = KillThrottle.of(graph.config()::get);
    if (throttle.active()) {
      input = input.peek((k, v) -> throttle.onRecord());
    }
    KGroupedStream<String, String> grouped = input.groupByKey();
    KStream<Windowed<String>, Long> results;
    KStream<String, String> late;
    switch (kind) {
      case "session" -> {
        SessionWindowedKStream<String, String> s = grouped.windowedBy(SessionWindows.ofInactivityGapAndGrace(
            Duration.ofMillis(graph.config().getLong("test.gap.ms", 0)), Duration.ofMillis(grace)));
        late = s.lateRecords();
        results = s.count(Materialized.as("session-counts"));
      }
      case "count" -> {
        TimeWindowedKStream<String, String> c = grouped.windowedBy(CountWindows.of(graph.config().getLong("test.count", 1)));
        late = c.lateRecords();
        results = c.count(Materialized.as("count-counts"));
      }
      default -> {
        long size = graph.config().getLong("test.size.ms", 0);
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofMillis(size), Duration.ofMillis(grace))
            .advanceBy(Duration.ofMillis(graph.config().getLong("test.advance.ms", size)));
        TimeWindowedKStream<String, String> t = grouped.windowedBy(windows);
        late = t.lateRecords();
        results = t.count(Materialized.as("window-counts"));
      }
    }
    results.map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n))).to(out);
    late.to(out + "-late");
  }
}
