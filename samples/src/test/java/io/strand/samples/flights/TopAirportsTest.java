package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopAirportsTest {

  private static AirportDelayTotal total(String code, long flights, double mean) {
    return new AirportDelayTotal(code, code, "c", "s", flights, Math.round(flights * mean), mean, 0, 0, 0, true);
  }

  @Test
  void ranksBusyAirportsByMeanDelayWorstFirst() {
    List<AirportDelayTotal> finals = List.of(total("AAA", 5000, 3.0), total("BBB", 999, 50.0),
        total("CCC", 1000, 9.5), total("DDD", 20000, 9.5), total("EEE", 3000, 12.25));

    List<AirportDelayTotal> top = TopAirports.worstMeanDelay(finals, 1000, 3);

    assertEquals(List.of("EEE", "DDD", "CCC"), top.stream().map(AirportDelayTotal::airport).toList());
  }
}
