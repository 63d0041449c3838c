package io.strand.samples.flights;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * The expected results, computed straight from the CSV with a plain split and arithmetic: none of
 * the samples' parsing or statistics code is used, so the job is checked against an independent
 * computation.
 */
final class CsvExpectations {

  /** Expected statistics: flights, total delay, delayed (>= 15 min), max delay. */
  record Stats(long flights, long totalDelay, long delayed, long maxDelay) {
    Stats plus(int delay) {
      return new Stats(flights + 1, totalDelay + delay, delayed + (delay >= 15 ? 1 : 0),
          flights == 0 ? delay : Math.max(maxDelay, delay));
    }
  }

  final Map<String, Stats> totals = new TreeMap<>();
  /** Airport -> "yyyy-MM-dd HH" -> stats, for the chosen airports only. */
  final Map<String, Map<String, Stats>> hourly = new TreeMap<>();
  long lines;
  boolean sortedByDate = true;

  static CsvExpectations compute(Path gz, Set<String> hourlyAirports) throws IOException {
    return compute(gz, hourlyAirports::contains, -1);
  }

  /**
   * The expectations of the first {@code maxLines} data lines.
   *
   * @param gz the flights file
   * @param hourlyAirport which airports' hours to compute
   * @param maxLines how many data lines to read at most; negative for all (as the loader's option)
   */
  static CsvExpectations compute(Path gz, Predicate<String> hourlyAirport, long maxLines) throws IOException {
    CsvExpectations e = new CsvExpectations();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
        StandardCharsets.UTF_8))) {
      in.readLine();
      String previousDate = "";
      String line;
      while ((maxLines < 0 || e.lines < maxLines) && (line = in.readLine()) != null) {
        String[] f = line.split(",");
        String date = f[0];
        int delay = Integer.parseInt(f[1]);
        String origin = f[3];
        e.lines++;
        if (date.compareTo(previousDate) < 0) {
          e.sortedByDate = false;
        }
        previousDate = date;
        e.totals.merge(origin, new Stats(0, 0, 0, 0).plus(delay), (a, b) -> a.plus(delay));
        if (hourlyAirport.test(origin)) {
          e.hourly.computeIfAbsent(origin, k -> new TreeMap<>())
              .merge(date.substring(0, 13), new Stats(0, 0, 0, 0).plus(delay), (a, b) -> a.plus(delay));
        }
      }
    }
    return e;
  }
}
