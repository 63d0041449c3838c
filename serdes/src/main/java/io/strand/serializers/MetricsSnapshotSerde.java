package io.strand.serializers;

import java.util.Map;

/**
 * The records of Strand's metrics snapshot stream, as Samza's {@code MetricsSnapshotSerde} reads
 * and writes its own: UTF-8 JSON objects {@code {"header": {...}, "metrics": {group: {name: value}}}}
 * (see {@code io.strand.metrics.reporter.MetricsSnapshots} for the fields). A snapshot is a
 * {@code Map<String, Object>} as Jackson reads the JSON (nested maps, numbers as {@code Integer},
 * {@code Long} or {@code Double}), not Samza's {@code MetricsSnapshot} class: a task that reads the
 * stream takes {@code header} and {@code metrics} from the map.
 *
 * <p>Null maps to null. Thread-safe.
 */
public final class MetricsSnapshotSerde implements Serde<Map<String, Object>> {

  private final String name;
  private final JsonSerde<Map<String, Object>> json;

  /**
   * Creates one.
   *
   * @param name the registry name, used in errors
   */
  public MetricsSnapshotSerde(String name) {
    this.name = name;
    this.json = JsonSerde.ofMaps(name);
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the map has no {@code header} or {@code metrics} map, or Jackson
   *     cannot write it
   */
  @Override
  public byte[] toBytes(Map<String, Object> snapshot) {
    if (snapshot == null) {
      return null;
    }
    String missing = missingPart(snapshot);
    if (missing != null) {
      throw new SerdeException(name, SerdeException.NO_PAYLOAD, "not a metrics snapshot: " + missing, null);
    }
    return json.toBytes(snapshot);
  }

  /**
   * {@inheritDoc}
   *
   * @throws SerdeException if the payload is not a JSON object with a {@code header} and a
   *     {@code metrics} object
   */
  @Override
  public Map<String, Object> fromBytes(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    Map<String, Object> snapshot = json.fromBytes(bytes);
    String missing = snapshot == null ? "the JSON is null" : missingPart(snapshot);
    if (missing != null) {
      throw new SerdeException(name, bytes.length, "not a metrics snapshot: " + missing, null);
    }
    return snapshot;
  }

  private static String missingPart(Map<String, Object> snapshot) {
    for (String part : new String[] {"header", "metrics"}) {
      if (!(snapshot.get(part) instanceof Map)) {
        return "expected an object with \"header\" and \"metrics\" objects, but \"" + part + "\" is "
            + (snapshot.containsKey(part) ? "not an object" : "missing");
      }
    }
    return null;
  }
}
