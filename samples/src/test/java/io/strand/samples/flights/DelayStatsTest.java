package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DelayStatsTest {

  private static DelayStats of(int... delays) {
    DelayStats s = DelayStats.EMPTY;
    for (int d : delays) {
      s = s.plus(d);
    }
    return s;
  }

  @Test
  void addsFlights() {
    DelayStats s = of(33, -13, 15, 14, 0);

    assertEquals(new DelayStats(5, 49, 2, 33), s);
    assertEquals(9.8, s.meanDelayMinutes(), 1e-12);
  }

  @Test
  void theEmptyStatisticsHaveNoMeanAndAreTheIdentityOfMerge() {
    assertEquals(0.0, DelayStats.EMPTY.meanDelayMinutes());
    assertEquals(of(5, 7), of(5, 7).merge(DelayStats.EMPTY));
    assertEquals(of(5, 7), DelayStats.EMPTY.merge(of(5, 7)));
  }

  @Test
  void mergingPartsGivesTheSameAsAddingTheWhole() {
    DelayStats a = of(1, -20, 300);
    DelayStats b = of(15, 16);
    DelayStats c = of(-5);

    assertEquals(of(1, -20, 300, 15, 16, -5), a.merge(b).merge(c));
    assertEquals(a.merge(b.merge(c)), c.merge(a).merge(b));
  }

  @Test
  void allNegativeDelaysKeepANegativeMaximum() {
    assertEquals(-3, of(-10, -3, -7).maxDelayMinutes());
  }

  @Test
  void totalsCountLateFlightsInTheStatisticsAndInLateRecords() {
    Flight f = new Flight(LocalDateTime.of(2001, 1, 1, 8, 0), 20, 100, "ORD", "ATL");

    AirportTotals t = AirportTotals.EMPTY.plus(f, false).plus(f, true);

    assertEquals(of(20, 20), t.stats());
    assertEquals(1, t.lateRecords());
  }
}
