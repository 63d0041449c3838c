package io.strand.nexmark.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.nexmark.generator.EventGenerator;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Auction;
import io.strand.nexmark.model.Bid;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
import io.strand.nexmark.model.Person;
import org.junit.jupiter.api.Test;

/** The Flink engine's Kafka source decodes what the generator writes, in either format. */
class InputEventsTest {

  @Test
  void theSourceDecodesJsonAndAvroValuesToTheSameEvents() throws Exception {
    EventGenerator generator = new EventGenerator(GeneratorConfig.of(500, 3));
    KafkaConnections.InputEvents<Person> persons = new KafkaConnections.InputEvents<>(Person.class);
    KafkaConnections.InputEvents<Auction> auctions = new KafkaConnections.InputEvents<>(Auction.class);
    KafkaConnections.InputEvents<Bid> bids = new KafkaConnections.InputEvents<>(Bid.class);
    for (long n = 0; n < 500; n++) {
      Event e = generator.event(n);
      for (EventFormat f : EventFormat.values()) {
        byte[] value = f.encode(e);
        Event read = e instanceof Person ? persons.deserialize(value)
            : e instanceof Auction ? auctions.deserialize(value) : bids.deserialize(value);
        assertEquals(e, read, f + " " + e);
      }
    }
    assertEquals(Bid.endMarker(9L), bids.deserialize(EventFormat.AVRO.encode(Bid.endMarker(9L))));
  }
}
