package io.strand.nexmark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class EventFormatTest {

  private static List<Event> events() {
    EventGenerator generator = new EventGenerator(GeneratorConfig.of(2_000, 5));
    List<Event> events = new ArrayList<>();
    for (long n = 0; n < 2_000; n++) {
      events.add(generator.event(n));
    }
    events.add(Person.endMarker(1L));
    events.add(Auction.endMarker(2L));
    events.add(Bid.endMarker(3L));
    return events;
  }

  @Test
  void everyEventAndMarkerReadsBackEqualFromEitherFormat() {
    for (Event e : events()) {
      for (EventFormat f : EventFormat.values()) {
        byte[] value = f.encode(e);
        assertEquals(f == EventFormat.AVRO, NexmarkAvro.isAvro(value), f + " " + e);
        assertEquals(e, EventFormat.decode(value, e.getClass()), f + " " + e);
      }
    }
  }

  @Test
  void avroIsTheSingleObjectEncodingOfTheEventsSchema() {
    Bid bid = new Bid(7, 8, 900, "Google", "https://x/7", 1_767_225_600_000L, "");
    byte[] value = EventFormat.AVRO.encode(bid);
    Schema schema = NexmarkAvro.schema(Bid.class);
    // Marker C3 01, then the schema's CRC-64-AVRO fingerprint, little-endian.
    long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
    byte[] header = new byte[10];
    header[0] = (byte) 0xC3;
    header[1] = 0x01;
    for (int i = 0; i < 8; i++) {
      header[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    byte[] start = new byte[10];
    System.arraycopy(value, 0, start, 0, 10);
    assertArrayEquals(header, start);
    List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();
    assertEquals(List.of("auction", "bidder", "price", "channel", "url", "dateTime", "extra"), fields,
        "the schema's fields are the record's components, in order");
  }

  @Test
  void aValueOfAnotherSchemaIsRefusedNotMisread() {
    byte[] bid = EventFormat.AVRO.encode(new Bid(7, 8, 900, "Google", "https://x/7", 1L, ""));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> EventFormat.decode(bid, Person.class));
    assertTrue(e.getMessage().contains("not an Avro Person"), e.getMessage());
    assertFalse(NexmarkAvro.isAvro(NexmarkJson.write(new Bid(7, 8, 900, "Google", "https://x/7", 1L, ""))));
  }
}
