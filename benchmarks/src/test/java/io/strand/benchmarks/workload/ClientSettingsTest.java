package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latency runs' producer settings, the same for every engine. */
class ClientSettingsTest {

  @Test
  void latencyRunsSendWithinAMillisecondUncompressedAndThroughputRunsKeepLz4() {
    Map<String, String> latency = ClientSettings.producer(true);
    assertEquals("1", latency.get("linger.ms"));
    assertEquals(System.getProperty(ClientSettings.LATENCY_COMPRESSION_PROPERTY,
        ClientSettings.DEFAULT_LATENCY_COMPRESSION), latency.get("compression.type"));
    assertEquals("none", ClientSettings.DEFAULT_LATENCY_COMPRESSION);
    assertEquals("lz4", ClientSettings.producer(false).get("compression.type"));
    assertEquals("all", latency.get("acks"));
  }
}
