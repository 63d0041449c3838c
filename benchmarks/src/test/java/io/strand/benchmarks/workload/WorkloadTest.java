package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WorkloadTest {

  @Test
  void theDslWindowedCountIsNamedByItsApiAndOnlyInTheDefaultSuite() {
    Workload dsl = Workload.KAFKA_STREAMS_DSL_WINDOWED;

    assertEquals("Kafka Streams DSL windowed count", dsl.label());
    assertEquals("Strand streams API windowed count", Workload.STRAND_STREAMS_API_WINDOWED.label());
    assertEquals("Kafka Streams windowed count", Workload.KAFKA_STREAMS_WINDOWED.label());
    assertFalse(dsl.inQuickSuite());
    assertTrue(Workload.STRAND_STREAMS_API_WINDOWED.inQuickSuite());
    assertFalse(dsl.streamsApi(), "the Strand streams API flag names its changelog <job>-1-<store>");
    assertTrue(dsl.hasLatency());
  }

  @Test
  void theBaselineOfAnEngineAndKindIsItsLowLevelWorkload() {
    assertEquals(Workload.KAFKA_STREAMS_WINDOWED, Workload.of(Engine.KAFKA_STREAMS, Kind.WINDOWED).orElseThrow());
    assertEquals(Workload.STRAND_WINDOWED, Workload.of(Engine.STRAND, Kind.WINDOWED).orElseThrow());
  }
}
