package io.strand.streams;

import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import java.nio.charset.StandardCharsets;

/**
 * A per-key aggregation whose aggregator changes the aggregate it is given in place (as
 * {@link Aggregator} allows): each key's values joined, space-separated, in a
 * {@code StringBuilder} kept in store {@code joined}; each update goes to {@code test.out} as
 * the joined string so far.
 */
public class InPlaceAggregateApp implements StreamApplication {

  @Override
  public void describe(StreamGraph graph) {
    String in = graph.config().get("test.in").orElseThrow();
    String out = graph.config().get("test.out").orElseThrow();
    graph.stream(in, Consumed.with(new StringSerde(), new StringSerde())).groupByKey()
        .aggregate(StringBuilder::new, (key, value, joined) -> joined.append(joined.isEmpty() ? "" : " ").append(value),
            Materialized.<String, StringBuilder>as("joined").withSerdes(new StringSerde(), new BuilderSerde()))
        .mapValues(StringBuilder::toString)
        .to(out, Produced.with(new StringSerde(), new StringSerde()));
  }

  /** A {@code StringBuilder} as UTF-8. */
  public static final class BuilderSerde implements Serde<StringBuilder> {

    @Override
    public byte[] toBytes(StringBuilder object) {
      return object == null ? null : object.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public StringBuilder fromBytes(byte[] bytes) {
      return bytes == null ? null : new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
