package io.strand.streams;

import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import java.nio.charset.StandardCharsets;

/**
 * Repartitions that take their serdes from {@code Consumed} and {@code Repartitioned}: the input's
 * values are read with {@link ReadingSerde} into {@link Reading}s, which the system's string serde
 * cannot write. {@code <test.out>-kept}: filtered and repartitioned with no serdes given (both
 * inherited from {@code Consumed}); {@code <test.out>-longest}: re-keyed by word length and reduced
 * to the longest word (the grouping's repartition and the reduce's store inherit the value serde);
 * {@code <test.out>-mapped}: values mapped to new {@code Reading}s (serdes no longer known) and
 * repartitioned with {@code Repartitioned.with} serdes.
 */
public class ConsumedSerdesApp implements StreamApplication {

  /** A value type the system's string serde cannot serialize. */
  public record Reading(String word) { }

  /** Writes a {@link Reading} as its word reversed, UTF-8, so a wrong serde would also show in the text. */
  public static final class ReadingSerde implements Serde<Reading> {
    @Override
    public byte[] toBytes(Reading r) {
      return new StringBuilder(r.word()).reverse().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Reading fromBytes(byte[] bytes) {
      return new Reading(new StringBuilder(new String(bytes, StandardCharsets.UTF_8)).reverse().toString());
    }
  }

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    KStream<String, Reading> readings = graph.stream(in, Consumed.with(new StringSerde(), new ReadingSerde()));
    readings.filter((k, r) -> !r.word().isEmpty()).repartition(Repartitioned.as("kept"))
        .mapValues(Reading::word).to(out + "-kept");
    readings.groupBy((k, r) -> String.valueOf(r.word().length()), Grouped.as("by-length"))
        .reduce((a, b) -> b.word().compareTo(a.word()) > 0 ? b : a, Materialized.as("longest"))
        .mapValues(Reading::word).to(out + "-longest");
    readings.mapValues(r -> new Reading(r.word().toUpperCase()))
        .repartition(Repartitioned.with(new StringSerde(), new ReadingSerde()).withName("mapped"))
        .mapValues(Reading::word).to(out + "-mapped");
  }
}
