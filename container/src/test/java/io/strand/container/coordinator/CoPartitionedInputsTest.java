package io.strand.container.coordinator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.system.SystemStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code job.copartitioned.<group>} against the inputs' partition counts (pure logic). */
class CoPartitionedInputsTest {

  private static final Map<SystemStream, Integer> COUNTS = Map.of(new SystemStream("kafka", "a"), 4,
      new SystemStream("kafka", "b"), 4, new SystemStream("kafka", "c"), 2);

  @Test
  void groupsWithOneCountPass() {
    assertDoesNotThrow(() -> CoPartitionedInputs.check(Config.of(Map.of("job.copartitioned.j1", "kafka.a, kafka.b",
        "job.copartitioned.j2", "kafka.c")), COUNTS));
  }

  @Test
  void aGroupWithTwoCountsIsAnErrorNamingTheGroupEachInputAndItsCountAndTheFix() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CoPartitionedInputs.check(
        Config.of(Map.of("job.copartitioned.orders-payments", "kafka.a,kafka.b,kafka.c")), COUNTS));
    assertTrue(e.getMessage().contains("'orders-payments'") && e.getMessage().contains("kafka.a has 4")
        && e.getMessage().contains("kafka.c has 2") && e.getMessage().contains("repartition"), e.getMessage());
  }

  @Test
  void aGroupNamingAStreamThatIsNoInputIsAnError() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> CoPartitionedInputs.check(
        Config.of(Map.of("job.copartitioned.j", "kafka.a,kafka.x")), COUNTS));
    assertTrue(e.getMessage().contains("job.copartitioned.j") && e.getMessage().contains("kafka.x"), e.getMessage());
  }
}
