package io.strand.config.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamNameTest {

  @Test
  void splitsAtTheFirstDot() {
    assertEquals(new StreamName("kafka", "metrics.v2"), StreamName.parse(" kafka.metrics.v2 "));
    assertEquals("kafka.metrics.v2", new StreamName("kafka", "metrics.v2").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "kafka", ".orders", "kafka.", "kafka. orders", "ka fka.orders"})
  void rejectsWhatIsNotSystemDotStream(String text) {
    assertFalse(StreamName.tryParse(text).isPresent());
    assertThrows(IllegalArgumentException.class, () -> StreamName.parse(text));
  }

  @Test
  void broadcastFormsRoundTrip() {
    assertEquals("kafka.rules#2", BroadcastInput.tryParse("kafka.rules#2").orElseThrow().toString());
    assertEquals("kafka.rules#[0-3]", BroadcastInput.tryParse("kafka.rules#[0-3]").orElseThrow().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kafka.rules", "kafka.rules#", "kafka.rules#x", "kafka.rules#[3-1]", "kafka.rules#[0-]",
      "rules#0", "kafka.rules#99999999999"})
  void rejectsMalformedBroadcastInputs(String text) {
    assertFalse(BroadcastInput.tryParse(text).isPresent());
  }
}
