package io.strand.benchmarks.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.samples.flights.AirportDelayTotal;
import io.strand.samples.flights.AirportHourlyDelay;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlightsOutputsTest {

  private static final AirportDelayTotal ORD = new AirportDelayTotal("ORD", "O'Hare", "Chicago", "IL", 3, 30, 10.0,
      1, 20, 0, true);
  private static final AirportDelayTotal ATL = new AirportDelayTotal("ATL", "Hartsfield", "Atlanta", "GA", 2, 4, 2.0,
      0, 5, 0, true);
  private static final AirportHourlyDelay ORD_8 = new AirportHourlyDelay("ORD", "2001-01-01 08", "O'Hare", "Chicago",
      "IL", 3, 30, 10.0, 1, 20);

  private static FlightsOutputs outputs(Map<AirportDelayTotal, Integer> finals, Map<AirportHourlyDelay, Integer> hourly) {
    return new FlightsOutputs(finals, hourly, 0, 0);
  }

  @Test
  void equalMultisetsHaveNoDifferences() {
    FlightsOutputs a = outputs(Map.of(ORD, 1, ATL, 1), Map.of(ORD_8, 1));
    FlightsOutputs b = outputs(Map.of(ATL, 1, ORD, 1), Map.of(ORD_8, 1));

    assertEquals(List.of(), b.differences(a));
    assertEquals(List.of(), a.problems(5));
  }

  @Test
  void aDifferentValueADuplicateAndAMissingRecordAreNamed() {
    FlightsOutputs reference = outputs(Map.of(ORD, 1, ATL, 1), Map.of(ORD_8, 1));
    AirportDelayTotal ordOff = new AirportDelayTotal("ORD", "O'Hare", "Chicago", "IL", 3, 31, 31 / 3.0, 1, 20, 0, true);
    FlightsOutputs other = outputs(Map.of(ordOff, 1, ATL, 1), Map.of(ORD_8, 2));

    List<String> d = other.differences(reference);

    assertEquals("1 final totals missing, 1 extra", d.get(0));
    assertTrue(d.get(1).startsWith("missing final total: ") && d.get(1).contains("totalDelayMinutes=30"), d::toString);
    assertTrue(d.get(2).startsWith("extra final total: ") && d.get(2).contains("totalDelayMinutes=31"), d::toString);
    assertEquals("0 hourly records missing, 1 extra", d.get(3));
    assertTrue(d.get(4).startsWith("extra hourly record: AirportHourlyDelay[airport=ORD"), d::toString);
    assertTrue(outputs(Map.of(ORD, 1), Map.of()).differences(reference).contains("1 final totals missing, 0 extra"));
  }

  @Test
  void aRunCountingFlightsWrongOrSendingAFinalTwiceHasProblems() {
    assertEquals(List.of("the final totals count 5 flights, 6 were loaded"),
        outputs(Map.of(ORD, 1, ATL, 1), Map.of()).problems(6));
    assertEquals(List.of("the final totals count 8 flights, 5 were loaded", "3 final records for 2 airports"),
        outputs(Map.of(ORD, 2, ATL, 1), Map.of()).problems(5));
    assertEquals(List.of("no final totals", "the final totals count 0 flights, 5 were loaded"),
        outputs(Map.of(), Map.of()).problems(5));
  }
}
