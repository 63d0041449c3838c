package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.streams.JoinWindows;
import io.strand.streams.KStream;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.system.SystemStream;
import java.time.Duration;

/**
 * The windowed stream-stream join in Strand's streams API: {@value JoinPayloads#LEFT} joined with
 * {@value JoinPayloads#RIGHT} on key within &plusmn;{@value JoinPayloads#WINDOW_MS} ms of event time
 * (the record timestamps), grace {@value JoinPayloads#GRACE_MS} ms, inner; both sides buffered in
 * changelogged RocksDB stores; each pair to {@code bench.output} as {@link JoinPayloads#joined}.
 *
 * <p>Threading: {@code describe} runs once per container; the functions on the task's thread.
 */
public final class StreamsApiJoin implements StreamApplication {

  /** Creates the application; the config loader does. */
  public StreamsApiJoin() {
  }

  @Override
  public void describe(StreamGraph graph) {
    String output = SystemStream.parse(graph.config().getRequired(StrandJobConfig.OUTPUT)).getStream();
    KStream<Long, byte[]> left = graph.<Long, byte[]>stream(JoinPayloads.LEFT).peek((k, v) -> Progress.record());
    KStream<Long, byte[]> right = graph.<Long, byte[]>stream(JoinPayloads.RIGHT).peek((k, v) -> Progress.record());
    left.join(right, JoinPayloads::joined, JoinWindows.ofTimeDifferenceAndGrace(
            Duration.ofMillis(JoinPayloads.WINDOW_MS), Duration.ofMillis(JoinPayloads.GRACE_MS)))
        .to(output);
  }
}
