package io.strand.nexmark.flink;

import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.model.NexmarkJson;
import io.strand.nexmark.model.NexmarkTopics;
import io.strand.nexmark.model.Person;
import io.strand.nexmark.query.NexmarkSemantics;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka ends of a Flink Nexmark job: one {@link KafkaSource} per input topic and the
 * {@link KafkaSink} of the output topic.
 *
 * <p>Watermarks are made per Kafka partition inside the source (Flink's per-split watermarks):
 * bounded out-of-orderness of {@link NexmarkSemantics#WATERMARK_LAG_MS} on the event's
 * {@code dateTime}; a reader's watermark is the minimum over its partitions and an operator's the
 * minimum over its inputs. There is no idleness timeout: every partition ends with an
 * end-of-input marker that moves its watermark past every window and expiry, and a timeout could
 * mark a slow partition idle and make its later records late (which {@code Query} rules out).
 * Markers therefore leave the source like events; {@link FlinkQueries} drops them next.
 */
final class KafkaConnections implements EventStreams {

  private static final Map<Class<?>, String> TOPICS = Map.of(
      Person.class, NexmarkTopics.PERSON, Auction.class, NexmarkTopics.AUCTION, Bid.class, NexmarkTopics.BID);

  private final StreamExecutionEnvironment env;
  private final String bootstrapServers;
  private final String runId;

  KafkaConnections(StreamExecutionEnvironment env, String bootstrapServers, String runId) {
    this.env = env;
    this.bootstrapServers = bootstrapServers;
    this.runId = runId;
  }

  @Override
  public <T extends Event> DataStream<T> of(Class<T> type) {
    String topic = TOPICS.get(type);
    KafkaSource<T> source = KafkaSource.<T>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId("nexmark-flink-" + runId)
        .setClientIdPrefix("nexmark-flink-" + runId + "-" + topic)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(new InputEvents<>(type)))
        // No checkpoints, so nothing to commit; the group id only names the consumers.
        .setProperty("commit.offsets.on.checkpoint", "false")
        .build();
    return env.fromSource(source, watermarks(), topic);
  }

  /** Bounded out-of-orderness on the event time, with the query's lag. */
  static <T extends Event> WatermarkStrategy<T> watermarks() {
    return WatermarkStrategy.<T>forBoundedOutOfOrderness(Duration.ofMillis(NexmarkSemantics.WATERMARK_LAG_MS))
        .withTimestampAssigner((event, kafkaTimestamp) -> event.dateTime());
  }

  /**
   * The sink of a query's output topic: at-least-once (the job takes no checkpoints, so records
   * are sent as they come and flushed when the job ends), the record timestamp the write time.
   */
  KafkaSink<KeyedOutput> sink(String topic) {
    return KafkaSink.<KeyedOutput>builder()
        .setBootstrapServers(bootstrapServers)
        .setRecordSerializer(new KeyedOutputs(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** Decodes one input value, JSON or Avro ({@link EventFormat#decode}). */
  static final class InputEvents<T extends Event> implements DeserializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;

    InputEvents(Class<T> type) {
      this.type = type;
    }

    @Override
    public T deserialize(byte[] message) {
      return EventFormat.decode(message, type);
    }

    @Override
    public boolean isEndOfStream(T next) {
      return false;
    }

    @Override
    public TypeInformation<T> getProducedType() {
      return TypeInformation.of(type);
    }
  }

  /** Writes a {@link KeyedOutput} as key {@link NexmarkJson#key(long)}, value its JSON. */
  private static final class KeyedOutputs implements KafkaRecordSerializationSchema<KeyedOutput> {
    private static final long serialVersionUID = 1L;
    private final String topic;

    KeyedOutputs(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(KeyedOutput out, KafkaSinkContext context, Long timestamp) {
      return new ProducerRecord<>(topic, NexmarkJson.key(out.key()), out.value());
    }
  }
}
