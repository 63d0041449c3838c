package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WorkloadSuitesTest {

  @Test
  void theFlightsAndJoinWorkloadsRunOnlyWhenNamed() {
    for (Workload w : Workload.values()) {
      if (w.kind() == Kind.FLIGHTS || w.kind() == Kind.ENRICH || w.kind() == Kind.JOIN) {
        assertFalse(w.inDefaultSuite(), w.name());
        assertFalse(w.inQuickSuite(), w.name());
        assertFalse(w.hasLatency(), w.name());
      } else {
        assertTrue(w.inDefaultSuite(), w.name());
      }
    }
    assertTrue(Arrays.stream(Engine.values()).allMatch(e -> Workload.of(e, Kind.FLIGHTS).isPresent()),
        "every engine runs the flights job");
    for (Kind join : new Kind[] {Kind.ENRICH, Kind.JOIN}) {
      assertTrue(Arrays.stream(Workload.values()).filter(w -> w.kind() == join).map(Workload::engine).toList()
          .containsAll(java.util.List.of(Engine.RAW, Engine.STRAND, Engine.KAFKA_STREAMS)), join.label());
    }
  }
}
