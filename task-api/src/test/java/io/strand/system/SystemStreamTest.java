package io.strand.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.Partition;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SystemStreamTest {

  @Test
  void parseSplitsAtTheFirstDot() {
    assertEquals(new SystemStream("kafka", "flights"), SystemStream.parse("kafka.flights"));
    SystemStream dotted = SystemStream.parse(" kafka.flights.v2 ");
    assertEquals("kafka", dotted.getSystem());
    assertEquals("flights.v2", dotted.getStream());
  }

  @Test
  void equalWhenBothNamesAreWithTheSameHash() {
    SystemStream a = new SystemStream("kafka", "flights");
    SystemStream b = new SystemStream(new String("kafka"), new String("flights")); // other instances
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new SystemStream("kafka", "airports"));
    assertNotEquals(a, new SystemStream("other", "flights"));
    assertNotEquals(new SystemStream("ab", "c"), new SystemStream("a", "bc"));
    assertNotEquals(a, "kafka.flights");
    assertNotEquals(a, null);
  }

  @Test
  void toStringIsTheWrittenFormAndParsesBack() {
    SystemStream stream = new SystemStream("kafka", "airport-stats");
    assertEquals("kafka.airport-stats", stream.toString());
    assertEquals(stream, SystemStream.parse(stream.toString()));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "kafka", ".flights", "kafka.", " . "})
  void parseRejectsTextThatIsNotSystemDotStream(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SystemStream.parse(text));
    assertTrue(e.getMessage().contains("system.stream"), e.getMessage());
  }

  @Test
  void constructorRejectsBlankNamesAndDottedSystems() {
    assertThrows(IllegalArgumentException.class, () -> new SystemStream(null, "s"));
    assertThrows(IllegalArgumentException.class, () -> new SystemStream("kafka", " "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SystemStream("a.b", "s"));
    assertTrue(e.getMessage().contains("'a.b'"), e.getMessage());
  }

  @Test
  void systemStreamPartitionParsesPrintsAndOrders() {
    SystemStreamPartition ssp = SystemStreamPartition.parse("kafka.flights.v2#3");
    assertEquals(new SystemStreamPartition("kafka", "flights.v2", 3), ssp);
    assertEquals("kafka", ssp.getSystem());
    assertEquals("flights.v2", ssp.getStream());
    assertEquals(3, ssp.getPartition().getPartitionId());
    assertEquals("kafka.flights.v2#3", ssp.toString());

    TreeSet<SystemStreamPartition> sorted = new TreeSet<>(List.of(
        new SystemStreamPartition("kafka", "b", 0),
        new SystemStreamPartition("kafka", "a", 10),
        new SystemStreamPartition("kafka", "a", 2)));
    assertEquals(List.of("kafka.a#2", "kafka.a#10", "kafka.b#0"),
        sorted.stream().map(Object::toString).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka.flights", "kafka.flights#", "kafka.flights#x", "flights#0", "kafka.flights#-1"})
  void systemStreamPartitionParseRejectsBadText(String text) {
    assertThrows(IllegalArgumentException.class, () -> SystemStreamPartition.parse(text));
  }

  @Test
  void partitionRejectsNegativeNumbersAndOrdersNumerically() {
    assertThrows(IllegalArgumentException.class, () -> new Partition(-1));
    assertTrue(new Partition(2).compareTo(new Partition(10)) < 0);
  }
}
