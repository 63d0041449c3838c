package io.strand.streams;

/** Counts the words of the values: groupBy a new key, so through an intermediate topic. */
public class RepartitionApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, String> lines = graph.stream(in);
    lines.groupBy((k, v) -> v, Grouped.as("by-word")).count(Materialized.as("word-counts"))
        .mapValues(String::valueOf).to(out);
  }
}
