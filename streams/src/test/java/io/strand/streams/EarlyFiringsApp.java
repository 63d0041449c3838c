package io.strand.streams;

import io.strand.serializers.StringSerde;
import io.strand.testkit.kill.KillThrottle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tumbling-window counts with early firings: values are {@code <event time ms>}; windows of
 * {@code test.size.ms} (or sessions of inactivity gap {@code test.gap.ms}, when set) with
 * {@code test.grace.ms} grace, early firings every
 * {@code test.early.records} records and/or {@code test.early.ms} ms; results as
 * {@code key@start/end -> FIRING:count}. {@link KillThrottle}'s keys slow it;
 * with {@code test.fail.at} it throws at that record (counted per container) unless
 * {@code test.fail.once.file} exists, which it creates first: a crash once, not after a restart.
 */
public class EarlyFiringsApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, String> input = graph.stream(in, Consumed.with(new StringSerde(), new StringSerde())
        .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v))
        .withOutOfOrderness(Duration.ofMillis(graph.config().getLong("test.ooo.ms", 0))));
    KillThrottle throttle = KillThrottle.of(graph.config()::get);
    long failAt = graph.config().getLong("test.fail.at", -1);
    String failOnce = graph.config().get("test.fail.once.file").orElse(null);
    AtomicLong seen = new AtomicLong();
    input = input.peek((k, v) -> {
      long n = seen.incrementAndGet();
      throttle.onRecord();
      if (n == failAt && failOnce != null && !Files.exists(Path.of(failOnce))) {
        try {
          Files.createFile(Path.of(failOnce));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("test crash at record " + n);
      }
    });
    EmitStrategy emit = EmitStrategy.onWindowClose();
    long records = graph.config().getLong("test.early.records", 0);
    long ms = graph.config().getLong("test.early.ms", 0);
    if (records > 0) {
      emit = EmitStrategy.withEarlyFirings(records);
    }
    if (ms > 0) {
      emit = emit.andEvery(Duration.ofMillis(ms));
    }
    Duration grace = Duration.ofMillis(graph.config().getLong("test.grace.ms", 0));
    KStream<Windowed<String>, Long> counts = graph.config().get("test.gap.ms").isPresent()
        ? input.groupByKey().windowedBy(SessionWindows.ofInactivityGapAndGrace(
            Duration.ofMillis(graph.config().getLong("test.gap.ms", 0)), grace)).emitStrategy(emit)
            .count(Materialized.as("early-sessions"))
        : input.groupByKey().windowedBy(TimeWindows.ofSizeAndGrace(
            Duration.ofMillis(graph.config().getLong("test.size.ms", 1000)), grace)).emitStrategy(emit)
            .count(Materialized.as("early-counts"));
    counts.map((w, n) -> KeyValue.pair(w.toString(), w.firing() + ":" + n)).to(out);
  }
}
