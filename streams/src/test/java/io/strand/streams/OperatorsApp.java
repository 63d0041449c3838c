package io.strand.streams;

import java.util.Arrays;
import java.util.Map;

/**
 * Every stateless operator, to() and a keyed count, on input "word -> n" records. Topics come from
 * the config ({@code test.in}, {@code test.out}) so each test run has its own.
 */
public class OperatorsApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, String> lines = graph.stream(in);
    lines.filter((k, v) -> !v.startsWith("#")).mapValues(v -> v.toUpperCase()).to(out + "-filtered");
    lines.filterNot((k, v) -> !v.startsWith("#")).to(out + "-comments");
    KStream<String, String> words = lines.flatMapValues(v -> Arrays.asList(v.split(" ")));
    words.peek((k, v) -> { }).map((k, v) -> KeyValue.pair(v, k)).to(out + "-swapped");
    words.flatMap((k, v) -> java.util.List.of(KeyValue.pair(k, v), KeyValue.pair(k, v + "!"))).to(out + "-doubled");
    Map<String, KStream<String, String>> branches = words.split()
        .branch("short", (k, v) -> v.length() <= 2)
        .branch("long", (k, v) -> v.length() > 5)
        .defaultBranch("medium");
    branches.get("short").merge(branches.get("long")).to(out + "-short-or-long");
    branches.get("medium").to(out + "-medium");
    words.selectKey((k, v) -> v).groupByKey(Grouped.as("by-word")).count(Materialized.as("word-counts"))
        .mapValues(String::valueOf).to(out + "-counts");
  }
}
