package io.strand.samples.flights;

import java.util.List;

/**
 * Lines that are not flights, for exercising the job's bad-input handling: the loader inserts them
 * among the real ones on request. Each kind breaks the CSV in a different way, some with an origin
 * field (so they are keyed like real flights) and some without (null key).
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class MalformedLines {

  private static final List<String> KINDS = List.of(
      "2001-01-01 25:61,12,700,ORD,ATL",          // impossible time
      "2001-01-0x 10:00,5,100,ATL,ORD",           // letter in the date
      "this is not a flight",                     // not CSV at all
      "2001-01-15 12:00,late,300,DEN,ORD",        // delay is not a number
      "2001-01-20 08:15,7,250,SFO",               // a field missing
      "2001-01-21 09:30,3,410,LAX,SEA,extra");    // a field too many

  private MalformedLines() {
  }

  /**
   * The i-th malformed line; the kinds repeat.
   *
   * @param i 0 or more
   * @return a line that {@link FlightCsv#parse} rejects
   */
  public static String line(int i) {
    return KINDS.get(Math.floorMod(i, KINDS.size()));
  }
}
