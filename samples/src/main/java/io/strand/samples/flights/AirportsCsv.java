package io.strand.samples.flights;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code airports.csv} ({@code iata,name,city,state,country,latitude,longitude}). Names may
 * be quoted and hold commas or doubled quotes ({@code "W. H. ""Bud"" Barron"}), so this is a real
 * (if small) RFC 4180 field splitter, not {@code split(",")}.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class AirportsCsv {

  private static final int FIELDS = 7;

  private AirportsCsv() {
  }

  /**
   * Reads the whole table.
   *
   * @param file the CSV file, with a header line
   * @return the airports by IATA code, in file order
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the line, if a row is malformed
   */
  public static Map<String, Airport> read(Path file) throws IOException {
    Map<String, Airport> airports = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = in.readLine(); // header
      int number = 1;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          List<String> f = splitFields(line);
          if (f.size() != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields, got " + f.size());
          }
          airports.put(f.get(0), new Airport(f.get(1), f.get(2), f.get(3), f.get(4),
              Double.parseDouble(f.get(5)), Double.parseDouble(f.get(6))));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(file + " line " + number + ": " + e.getMessage() + ": " + line, e);
        }
      }
    }
    return airports;
  }

  /**
   * Splits one CSV line into fields, undoing quoting.
   *
   * @param line the line
   * @return its fields
   * @throws IllegalArgumentException if a quoted field is not closed
   */
  static List<String> splitFields(String line) {
    List<String> fields = new ArrayList<>(FIELDS);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unclosed quote");
    }
    fields.add(field.toString());
    return fields;
  }
}
