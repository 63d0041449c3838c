package io.strand.streams;

import io.strand.serializers.StringSerde;
import java.time.Duration;

/**
 * Values are {@code <event time ms>}; the input ({@code test.in}, idle timeout
 * {@code test.idle.ms}) goes through the repartition {@code wm-repartition} to a probe that writes
 * to {@code test.out}: each record as {@code rec|<task> -> <value>}, each advance of its task's
 * watermark as {@code wm|<task> -> <watermark>@<processing time ms>}.
 */
public class WatermarkProbeApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    graph.stream(in, Consumed.with(new StringSerde(), new StringSerde())
            .<String, String>withTimestampExtractor((k, v, ts) -> Long.parseLong(v))
            .withIdleTimeout(Duration.ofMillis(graph.config().getLong("test.idle.ms", 0))))
        .repartition(Repartitioned.<String, String>as("wm-repartition"))
        .process(Probe::new)
        .to(out);
  }

  /** Reports records and watermarks with the task they reached. */
  static final class Probe implements Processor<String, String, String, String> {
    private ProcessorContext<String, String> context;

    @Override
    public void init(ProcessorContext<String, String> context) {
      this.context = context;
    }

    @Override
    public void process(String key, String value) {
      context.forward("rec|" + context.taskName(), value);
    }

    @Override
    public void onWatermark(long watermarkMs) {
      context.forward("wm|" + context.taskName(), watermarkMs + "@" + System.currentTimeMillis());
    }
  }
}
