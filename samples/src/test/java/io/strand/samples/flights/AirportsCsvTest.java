package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirportsCsvTest {

  @Test
  void splitsQuotedFieldsWithCommasAndDoubledQuotes() {
    assertEquals(List.of("DBN", "W. H. \"Bud\" Barron", "Dublin", "GA", "USA", "32.5", "-82.9"),
        AirportsCsv.splitFields("DBN,\"W. H. \"\"Bud\"\" Barron\",Dublin,GA,USA,32.5,-82.9"));
    assertEquals(List.of("35A", "Union County, Troy Shelton", "Union", "SC", "USA", "34.6", "-81.6"),
        AirportsCsv.splitFields("35A,\"Union County, Troy Shelton\",Union,SC,USA,34.6,-81.6"));
    assertEquals(List.of("", "", ""), AirportsCsv.splitFields(",,"));
    assertThrows(IllegalArgumentException.class, () -> AirportsCsv.splitFields("X,\"open"));
  }

  @Test
  void readsTheWholeReferenceTable() throws Exception {
    Map<String, Airport> airports = AirportsCsv.read(DataFiles.require(DataFiles.defaultDir(), DataFiles.AIRPORTS_FILE));

    assertEquals(3376, airports.size());
    Airport ord = airports.get("ORD");
    assertEquals("Chicago O'Hare International", ord.name());
    assertEquals("Chicago", ord.city());
    assertEquals("IL", ord.state());
    assertEquals(41.979595, ord.lat(), 1e-9);
    assertEquals("Union County, Troy Shelton", airports.get("35A").name());
  }

  @Test
  void aMalformedRowIsReportedWithItsLineNumber(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("airports.csv");
    Files.writeString(file, "iata,name,city,state,country,latitude,longitude\nORD,O'Hare,Chicago,IL,USA,41.9,-87.9\nXXX,short\n");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AirportsCsv.read(file));

    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
  }
}
