package io.strand.nexmark.kstreams;

import io.strand.nexmark.model.NexmarkTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A repartition that keeps event time in order: the records of input partition {@code p} go to
 * their own topic {@code <prefix>-p} (partitioned by key as a repartition topic would be), and
 * the next sub-topology reads all {@link NexmarkTopics#PARTITIONS} topics at once.
 *
 * <p>Why not {@code KStream.repartition()}: in one repartition topic, the records of all upstream
 * tasks interleave in arrival order, and upstream tasks drift apart in event time by far more than
 * the watermark lag when they work through a backlog (a task's stream time is the maximum it has
 * seen), so a windowed operator behind it would drop records as late that Flink and Strand, whose
 * watermark is the minimum over the upstream partitions, count. Here each exchange partition has
 * one writer, whose records are in event-time order; a task of the next sub-topology reads
 * partition {@code j} of all {@code <prefix>-p} topics, and with {@code max.task.idle.ms} large
 * ({@link KafkaStreamsEngine}) Kafka Streams processes them merged in timestamp order, waiting for
 * an empty partition rather than running ahead of it. Its stream time is then the minimum over the
 * upstream partitions' progress, as Flink's and Strand's watermark is, and nothing is ever late.
 *
 * <p>End-of-input markers (as {@code isMarker} tells) go to every partition of their topic (a
 * multicasting {@link StreamPartitioner}), so every downstream task sees every upstream marker.
 */
final class Exchange {

  private final String prefix;
  private final List<Topic> topics = new ArrayList<>();

  /**
   * A topic the engine creates before starting the topology.
   *
   * @param name the topic
   * @param partitions its partitions
   */
  record Topic(String name, int partitions) {
  }

  /**
   * Exchanges named from a prefix.
   *
   * @param prefix unique per run, e.g. {@code nexmark-kstreams-<run id>-q11}
   */
  Exchange(String prefix) {
    this.prefix = prefix;
  }

  /**
   * The topics {@link #through} calls have used so far.
   *
   * @return name and partitions of each
   */
  List<Topic> topics() {
    return List.copyOf(topics);
  }

  /**
   * Sends a stream through an exchange and reads it back.
   *
   * @param builder the builder
   * @param stream keyed by the new key
   * @param name the exchange's name within the query
   * @param partitions partitions of each exchange topic (as the downstream parallelism)
   * @param valueSerde the values' serde
   * @param isMarker which values are end-of-input markers, to multicast
   * @param <V> the value type
   * @return the stream as the next sub-topology reads it
   */
  <V> KStream<String, V> through(StreamsBuilder builder, KStream<String, V> stream, String name, int partitions,
      Serde<V> valueSerde, Predicate<V> isMarker) {
    String base = prefix + "-" + name + "-";
    List<String> names = IntStream.range(0, NexmarkTopics.PARTITIONS).mapToObj(p -> base + p).toList();
    names.forEach(n -> topics.add(new Topic(n, partitions)));
    StreamPartitioner<String, V> multicastMarkers = (topic, key, value, n) -> isMarker.test(value)
        ? Optional.of(IntStream.range(0, n).boxed().collect(Collectors.toUnmodifiableSet()))
        : Optional.<Set<Integer>>empty();
    stream.to((key, value, context) -> base + context.partition(),
        Produced.with(Serdes.String(), valueSerde).withStreamPartitioner(multicastMarkers));
    return builder.stream(names, Consumed.with(Serdes.String(), valueSerde));
  }
}
