package io.strand.samples.flights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class HourBucketsTest {

  @Test
  void aDepartureBelongsToTheHourItStartsIn() {
    LocalDateTime t = LocalDateTime.of(2001, 1, 1, 8, 59);

    assertEquals(LocalDateTime.of(2001, 1, 1, 8, 0), HourBuckets.hourOf(t));
    assertEquals("2001-01-01 08", HourBuckets.label(t));
    assertEquals("2001-01-01 08", HourBuckets.label(HourBuckets.hourStartMs(HourBuckets.eventTimeMs(t))));
    assertEquals("2001-01-01 09", HourBuckets.label(LocalDateTime.of(2001, 1, 1, 9, 0)));
  }

  @Test
  void labelsAreZeroPaddedAsTheFormatYyyyMmDdHh() {
    assertEquals("2001-12-31 23", HourBuckets.label(LocalDateTime.of(2001, 12, 31, 23, 5)));
    assertEquals("2001-10-10 10", HourBuckets.label(LocalDateTime.of(2001, 10, 10, 10, 0)));
    assertEquals("0999-01-09 00", HourBuckets.label(LocalDateTime.of(999, 1, 9, 0, 0)));
    assertEquals("0005-02-03 04", HourBuckets.label(LocalDateTime.of(5, 2, 3, 4, 0)));
  }

  @Test
  void eventTimeIsTheLocalTimeReadAsUtcMilliseconds() {
    assertEquals(978_307_200_000L, HourBuckets.eventTimeMs(LocalDateTime.of(2001, 1, 1, 0, 0)));
    assertEquals(978_307_200_000L + 8 * HourBuckets.HOUR_MS + 60_000,
        HourBuckets.eventTimeMs(LocalDateTime.of(2001, 1, 1, 8, 1)));
  }

  @Test
  void hourLabelsSortInTimeOrderAndKeysPutTheAirportFirst() {
    assertEquals(-1, Integer.signum("2001-01-01 23".compareTo("2001-01-02 00")));
    assertEquals(-1, Integer.signum("2001-01-09 10".compareTo("2001-01-10 00")));
    assertEquals("ORD|2001-01-01 08", HourBuckets.outputKey("ORD", "2001-01-01 08"));
  }
}
