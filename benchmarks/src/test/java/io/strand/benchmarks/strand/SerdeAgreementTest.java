package io.strand.benchmarks.strand;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.strand.benchmarks.data.Payloads;
import io.strand.serializers.LongSerde;
import org.apache.kafka.common.serialization.LongSerializer;
import org.junit.jupiter.api.Test;

/**
 * The restore changelog is written once for both engines: its 8-byte keys and counts must be what
 * Strand's {@code long} serde and Kafka's {@code LongSerializer} both write.
 */
class SerdeAgreementTest {

  @Test
  void strandsLongSerdeKafkasLongSerializerAndThePayloadKeysAgree() {
    LongSerde strand = new LongSerde("long");
    try (LongSerializer kafka = new LongSerializer()) {
      for (long v : new long[] {0, 1, 255, 256, 9_999, 5_000_000, -1, Long.MAX_VALUE, Long.MIN_VALUE}) {
        assertArrayEquals(kafka.serialize("t", v), strand.toBytes(v), "value " + v);
        assertArrayEquals(kafka.serialize("t", v), Payloads.key(v), "value " + v);
      }
    }
  }
}
