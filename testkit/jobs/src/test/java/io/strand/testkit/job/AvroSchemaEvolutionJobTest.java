package io.strand.testkit.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.runner.JobStatus;
import io.strand.serializers.AvroEncoding;
import io.strand.serializers.AvroSerde;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.KafkaTestClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A job whose input is read with the Avro serde, on the real broker: records of an older compatible
 * schema are read through schema resolution, and records the reader cannot read take the configured
 * bad-message path (dead letter, or the container stops naming where the record is) instead of
 * being decoded into wrong values.
 */
@RealKafka
class AvroSchemaEvolutionJobTest {

  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String SERDE = "orders-avro";
  private static final String PREFIX = "serializers.registry." + SERDE + ".";

  private static Schema schema(String resource) {
    try (InputStream in = AvroSchemaEvolutionJobTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] order(AvroSerde<Object> writer, String id, Object amount, String currency) {
    GenericRecord r = new GenericData.Record(writer.schema());
    r.put("id", id);
    r.put("amount", amount);
    if (currency != null) {
      r.put("currency", currency);
    }
    return writer.toBytes(r);
  }

  /** Creates the input topic with these values at offsets 0, 1, ... of partition 0. */
  private static String input(KafkaCluster kafka, List<byte[]> values) {
    String topic = kafka.uniqueTopic("orders");
    KafkaTestClient client = kafka.client();
    client.createTopic(topic, 1);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    values.forEach(v -> records.add(new ProducerRecord<>(topic, 0, null, v)));
    client.produceBytes(records);
    return topic;
  }

  /** The job reading {@code in} with a version-2 reader that knows version 1 and the long-amount order. */
  private static JobTestRunner job(KafkaCluster kafka, String in, String out) {
    return JobTestRunner.forTask(AvroOrderTask.class, kafka)
        .config("task.inputs", "kafka." + in)
        .config("systems.kafka.streams." + in + ".strand.bounded", "true")
        .config("systems.kafka.streams." + in + ".samza.msg.serde", SERDE)
        .config("systems.kafka.streams." + out + ".samza.msg.serde", "string")
        .config("test.output", out)
        .config(PREFIX + "class", "io.strand.serializers.AvroSerdeFactory")
        .config(PREFIX + "schema", "classpath:avro/order-v2.avsc")
        .config(PREFIX + "writer.schemas", "classpath:avro/order-v1.avsc,classpath:avro/order-long-amount.avsc");
  }

  @Test
  void v1RecordsAreReadByTheV2ReaderAndUnreadableOnesAreDeadLettered(KafkaCluster kafka) {
    AvroSerde<Object> v1 = AvroSerde.generic("v1", schema("avro/order-v1.avsc"));
    AvroSerde<Object> v2 = AvroSerde.generic("v2", schema("avro/order-v2.avsc"));
    AvroSerde<Object> longAmount = AvroSerde.generic("long", schema("avro/order-long-amount.avsc"));
    Schema customer = new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Customer\", \"fields\": ["
        + "{\"name\": \"id\", \"type\": \"string\"}, {\"name\": \"amount\", \"type\": \"int\"}]}");
    byte[] incompatible = order(longAmount, "o-2", 5_000_000_000L, null);
    byte[] unknown = order(AvroSerde.generic("customer", customer), "c-3", 30, null);
    String in = input(kafka, List.of(order(v1, "o-1", 12, null), incompatible, unknown, order(v2, "o-4", 40, "USD")));
    String out = kafka.uniqueTopic("orders-out");
    String dlq = kafka.uniqueTopic("orders-dlq");
    KafkaTestClient client = kafka.client();
    client.createTopic(out, 1);
    client.createTopic(dlq, 1);

    JobTestResult result = job(kafka, in, out).config("strand.task.dead-letter.stream", "kafka." + dlq)
        .runToEnd(DEADLINE);

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    assertEquals(List.of("o-1:12:EUR", "o-4:40:USD"), result.outputValues(out),
        "the v1 record gets the default currency; the unreadable ones produce nothing");
    List<ConsumerRecord<byte[], byte[]>> letters = client.readAllBytes(dlq);
    assertEquals(2, letters.size());
    assertArrayEquals(incompatible, letters.get(0).value());
    assertEquals("1", header(letters.get(0), "strand.source.offset"));
    assertTrue(header(letters.get(0), "strand.error").contains("cannot read: TYPE_MISMATCH"),
        header(letters.get(0), "strand.error"));
    assertArrayEquals(unknown, letters.get(1).value());
    assertEquals("2", header(letters.get(1), "strand.source.offset"));
    assertTrue(header(letters.get(1), "strand.error").contains("unknown schema"), header(letters.get(1), "strand.error"));
  }

  @Test
  void aHeaderlessRecordStopsTheJobNamingTopicPartitionAndOffset(KafkaCluster kafka) {
    AvroSerde<Object> v1 = AvroSerde.generic("v1", schema("avro/order-v1.avsc"));
    AvroSerde<Object> rawV2 = AvroSerde.generic("raw", schema("avro/order-v2.avsc"), AvroEncoding.RAW, List.of());
    String in = input(kafka, List.of(order(v1, "o-1", 12, null), order(rawV2, "o-2", 7, "EUR")));
    String out = kafka.uniqueTopic("orders-out");
    kafka.client().createTopic(out, 1);

    JobTestResult result = job(kafka, in, out).runToEnd(DEADLINE);

    assertEquals(JobStatus.State.FAILED, result.status().state(), result.status()::toString);
    String cause = result.status().cause().orElseThrow();
    for (String part : List.of("topic '" + in + "'", "partition 0", "offset 1", "serde '" + SERDE + "'",
        "not single-object encoded", PREFIX + "encoding=raw")) {
      assertTrue(cause.contains(part), "'" + part + "' in: " + cause);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
