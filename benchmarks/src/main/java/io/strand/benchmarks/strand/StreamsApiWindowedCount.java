package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.InputLoader;
import io.strand.benchmarks.data.Payloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.serializers.ByteSerde;
import io.strand.serializers.LongSerde;
import io.strand.streams.EmitStrategy;
import io.strand.streams.KStream;
import io.strand.streams.KeyValue;
import io.strand.streams.Materialized;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.streams.TimeWindows;
import io.strand.system.SystemStream;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * {@link WindowedCountTask}'s work written with Strand's streams API: 1 s tumbling windows by event
 * time (the record timestamp), every update emitted ({@link EmitStrategy#onWindowUpdate()}, as the
 * hand-written task and Kafka Streams' default do), into the changelogged store
 * {@value StrandJobConfig#WINDOW_STORE}; each result to {@code bench.output} as
 * {@code [origin micros][window start][count]}. The aggregate is {@code [origin micros][count]}
 * (16 bytes), so the output carries the latest record's origin for latency runs. Besides the
 * hand-written task's work, the runtime keeps the task's watermark and fires each window once more
 * (on time) when the watermark passes its end, then drops it.
 *
 * <p>Threading: {@code describe} runs once per container; the functions on the task's thread.
 */
public final class StreamsApiWindowedCount implements StreamApplication {

  /** Creates the application; the config loader does. */
  public StreamsApiWindowedCount() {
  }

  @Override
  public void describe(StreamGraph graph) {
    String input = graph.config().getRequired(StrandJobConfig.INPUT);
    String output = SystemStream.parse(graph.config().getRequired(StrandJobConfig.OUTPUT)).getStream();
    KStream<Long, byte[]> records = graph.stream(input);
    records.peek((k, v) -> Progress.record())
        .groupByKey()
        .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(InputLoader.WINDOW_MS)))
        .emitStrategy(EmitStrategy.onWindowUpdate())
        .aggregate(() -> null, (key, value, aggregate) -> ByteBuffer.allocate(16)
                .putLong(Payloads.originMicros(value))
                .putLong(aggregate == null ? 1 : ByteBuffer.wrap(aggregate).getLong(8) + 1).array(),
            Materialized.<Long, byte[]>as(StrandJobConfig.WINDOW_STORE).withSerdes(new LongSerde(), new ByteSerde()))
        .map((window, aggregate) -> {
          ByteBuffer a = ByteBuffer.wrap(aggregate);
          return KeyValue.pair(window.key(), ByteBuffer.allocate(24).putLong(a.getLong())
              .putLong(window.window().startMs()).putLong(a.getLong()).array());
        })
        .to(output);
  }
}
