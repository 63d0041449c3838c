package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlightCsvTest {

  @Test
  void parsesALineOfTheDataFile() {
    Flight f = FlightCsv.parse("2001-01-01 00:01,33,2176,LAS,PHL");

    assertEquals(new Flight(LocalDateTime.of(2001, 1, 1, 0, 1), 33, 2176, "LAS", "PHL"), f);
    assertTrue(f.isDelayed());
  }

  @Test
  void negativeDelaysAreEarlyDeparturesAndFifteenMinutesIsTheDelayedThreshold() {
    assertEquals(-13, FlightCsv.parse("2001-01-01 00:01,-13,2345,ANC,LAX").delayMinutes());
    assertTrue(FlightCsv.parse("2001-01-31 23:56,15,319,PIT,EWR").isDelayed());
    assertEquals(false, FlightCsv.parse("2001-01-31 23:56,14,319,PIT,EWR").isDelayed());
  }

  @Test
  void formatIsTheInverseOfParse() {
    String line = "2001-01-31 23:57,4,1745,LAX,ORD";
    assertEquals(line, FlightCsv.format(FlightCsv.parse(line)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "date,delay,distance,origin,destination", "this is not a flight",
      "2001-01-01 25:61,12,700,ORD,ATL", "2001-02-30 10:00,1,1,ORD,ATL", "2001-01-0x 10:00,5,100,ATL,ORD",
      "2001-1-01 10:00,5,100,ATL,ORD", "+001-01-01 10:00,5,100,ATL,ORD", "2001-01-15 12:00,late,300,DEN,ORD",
      "2001-01-15 12:00,5,-3,DEN,ORD", "2001-01-15 12:00,5,300,,ORD", "2001-01-15 12:00,5,300,den,ORD",
      "2001-01-20 08:15,7,250,SFO", "2001-01-21 09:30,3,410,LAX,SEA,extra", "2001-01-21 09:30,3,410,LAX,SEA ",
      "2001-01-21 09:30,99999999999,410,LAX,SEA"})
  void rejectsLinesThatAreNotExactlyAFlight(String line) {
    assertThrows(MalformedFlightException.class, () -> FlightCsv.parse(line));
  }

  @Test
  void everyInjectedMalformedLineIsRejected() {
    for (int i = 0; i < 12; i++) {
      String line = MalformedLines.line(i);
      assertThrows(MalformedFlightException.class, () -> FlightCsv.parse(line), line);
    }
  }

  @Test
  void theOriginFieldKeysEvenMalformedLines() {
    assertEquals("ORD", FlightCsv.originField("2001-01-01 25:61,12,700,ORD,ATL"));
    assertEquals("SFO", FlightCsv.originField("2001-01-20 08:15,7,250,SFO"));
    assertNull(FlightCsv.originField("this is not a flight"));
    assertNull(FlightCsv.originField("a,b,c, ,e"));
    assertNull(FlightCsv.originField(""));
  }

  @Test
  void theSerdeThrowsASerdeExceptionNamingItselfAndThePayloadLength() {
    Serde<Flight> serde = new FlightCsvSerdeFactory().getSerde("flight-csv", Config.of(Map.of()));
    byte[] bad = "2001-01-15 12:00,late,300,DEN,ORD".getBytes(StandardCharsets.UTF_8);

    SerdeException e = assertThrows(SerdeException.class, () -> serde.fromBytes(bad));

    assertEquals("flight-csv", e.serdeName());
    assertEquals(bad.length, e.payloadLength());
    assertTrue(e.getMessage().contains("delay 'late'"), e.getMessage());
  }

  @Test
  void theSerdeRoundTripsAndPassesNullThrough() {
    Serde<Flight> serde = new FlightCsvSerdeFactory().getSerde("flight-csv", Config.of(Map.of()));
    Flight f = FlightCsv.parse("2001-01-10 17:45,-2,733,ORD,ATL");

    assertEquals(f, serde.fromBytes(serde.toBytes(f)));
    assertNull(serde.fromBytes(null));
    assertNull(serde.toBytes(null));
  }
}
