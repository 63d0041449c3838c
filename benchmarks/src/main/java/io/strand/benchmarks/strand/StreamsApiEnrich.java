package io.strand.benchmarks.strand;

import io.strand.benchmarks.data.JoinPayloads;
import io.strand.benchmarks.progress.Progress;
import io.strand.streams.KStream;
import io.strand.streams.KTable;
import io.strand.streams.StreamApplication;
import io.strand.streams.StreamGraph;
import io.strand.system.SystemStream;

/**
 * The stream-table enrichment in Strand's streams API: the input ({@code bench.input}) joined with
 * the table read from {@value JoinPayloads#TABLE} ({@code graph.table}: a RocksDB store per task
 * whose changelog is the topic itself), each result to {@code bench.output} as
 * {@link JoinPayloads#enriched}. The job config makes the table topic a bootstrap input, so each
 * task reads its table partition before the stream.
 *
 * <p>Threading: {@code describe} runs once per container; the functions on the task's thread.
 */
public final class StreamsApiEnrich implements StreamApplication {

  /** Creates the application; the config loader does. */
  public StreamsApiEnrich() {
  }

  @Override
  public void describe(StreamGraph graph) {
    String input = graph.config().getRequired(StrandJobConfig.INPUT);
    String output = SystemStream.parse(graph.config().getRequired(StrandJobConfig.OUTPUT)).getStream();
    KTable<Long, byte[]> table = graph.table(JoinPayloads.TABLE);
    KStream<Long, byte[]> records = graph.stream(input);
    records.peek((k, v) -> Progress.record())
        .join(table, JoinPayloads::enriched)
        .to(output);
  }
}
