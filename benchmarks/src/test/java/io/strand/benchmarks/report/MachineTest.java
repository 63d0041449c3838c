package io.strand.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MachineTest {

  @Test
  void namesTheOneKafkaVersionTheClientsAndKafkaStreamsJarsCarry() {
    String versions = Machine.kafkaVersions();

    // One version for all three means the jars agree; "unknown" would mean a version file was not found.
    assertTrue(versions.matches("Kafka broker / kafka-clients / Kafka Streams \\d+\\.\\d+\\.\\d+"), versions);
  }
}
