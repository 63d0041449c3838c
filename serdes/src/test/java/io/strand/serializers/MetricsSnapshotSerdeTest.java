package io.strand.serializers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Samza's MetricsSnapshotSerdeFactory name: the snapshot stream's JSON records, read and written. */
class MetricsSnapshotSerdeTest {

  private static final String RECORD = "{\"header\":{\"job-name\":\"orders\",\"job-id\":\"1\",\"container-name\":\"0\","
      + "\"exec-env-container-id\":\"\",\"source\":\"TaskName-Partition 0\",\"version\":\"0.1.0\",\"host\":\"node-3\","
      + "\"time\":1700000060000,\"reset-time\":1700000000000},"
      + "\"metrics\":{\"com.example.OrderTask\":{\"orders\":1200,\"lookup-ms\":0.8}}}";

  private final Serde<Map<String, Object>> serde =
      new MetricsSnapshotSerdeFactory().getSerde("metrics", Config.of(Map.of()));

  @Test
  void aSnapshotRecordReadsAsHeaderAndMetricsAndWritesBackTheSame() {
    Map<String, Object> snapshot = serde.fromBytes(RECORD.getBytes(UTF_8));
    @SuppressWarnings("unchecked")
    Map<String, Object> header = (Map<String, Object>) snapshot.get("header");
    assertEquals("TaskName-Partition 0", header.get("source"));
    assertEquals(1700000060000L, header.get("time"));
    assertEquals(Map.of("com.example.OrderTask", Map.of("orders", 1200, "lookup-ms", 0.8)), snapshot.get("metrics"));
    assertEquals(RECORD, new String(serde.toBytes(snapshot), UTF_8), "written back byte for byte, keys in order");
    assertNull(serde.fromBytes(null));
    assertNull(serde.toBytes(null));
  }

  @Test
  void jsonThatIsNotASnapshotIsASerdeExceptionSayingWhatIsMissing() {
    SerdeException e = assertThrows(SerdeException.class,
        () -> serde.fromBytes("{\"header\":{},\"counts\":{}}".getBytes(UTF_8)));
    assertEquals("metrics", e.serdeName());
    assertTrue(e.getMessage().contains("not a metrics snapshot: expected an object with \"header\" and \"metrics\""
        + " objects, but \"metrics\" is missing"), e.getMessage());
    assertThrows(SerdeException.class, () -> serde.fromBytes("[1, 2]".getBytes(UTF_8)));
    assertThrows(SerdeException.class, () -> serde.fromBytes("null".getBytes(UTF_8)));
    e = assertThrows(SerdeException.class, () -> serde.toBytes(Map.of("header", Map.of(), "metrics", 3)));
    assertTrue(e.getMessage().contains("\"metrics\" is not an object"), e.getMessage());
  }
}
