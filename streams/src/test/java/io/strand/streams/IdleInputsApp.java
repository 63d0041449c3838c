package io.strand.streams;

import io.strand.serializers.StringSerde;
import io.strand.testkit.kill.KillThrottle;
import java.time.Duration;

/**
 * Three inputs of one partition each, merged into tumbling 1 s window counts: {@code test.a}
 * (slowed by {@link KillThrottle}'s keys), {@code test.b} and {@code test.c}; values are
 * event times, ms; results to {@code test.out} as {@code key@start/end -> count}, late records to
 * {@code <test.out>-late}.
 */
public class IdleInputsApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String out = graph.config().get("test.out").orElseThrow();
    KillThrottle throttle = KillThrottle.of(graph.config()::get);
    KStream<String, String> a = graph.stream(graph.config().get("test.a").orElseThrow(), consumed())
        .peek((k, v) -> throttle.onRecord());
    KStream<String, String> b = graph.stream(graph.config().get("test.b").orElseThrow(), consumed());
    KStream<String, String> c = graph.stream(graph.config().get("test.c").orElseThrow(), consumed());
    TimeWindowedKStream<String, String> windowed = a.merge(b).merge(c).groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofSeconds(1)));
    windowed.lateRecords().to(out + "-late");
    windowed.count(Materialized.as("idle-counts")).map((w, n) -> KeyValue.pair(w.toString(), String.valueOf(n)))
        .to(out);
  }

  private static Consumed<String, String> consumed() {
    return Consumed.with(new StringSerde(), new StringSerde())
        .withTimestampExtractor((k, v, ts) -> Long.parseLong(v));
  }
}
