package io.strand.container.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strand.container.coordinator.CoordinatorStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where containers serve queries, published in the job's coordinator topic: the record
 * {@code query-endpoint:<container id>} holds
 * {@code {"version":1,"containerId":"0","host":"h1","port":41234,"updatedMs":1700000000000}}; a
 * container that stops cleanly writes a tombstone. The coordinator topic is the place because
 * every runner (thread, process, YARN) already writes the job model and container hosts there, and
 * any client that can read the job's Kafka can read it, with no runner-specific channel (the
 * process runner's endpoints file and the AM's container reports exist only where those runners
 * do); compaction keeps the latest record per container.
 *
 * <p>Threading: stateless.
 */
public final class QueryEndpoints {

  /** The key prefix of the records. */
  public static final String PREFIX = "query-endpoint:";
  /** The record format version. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private QueryEndpoints() {}

  /**
   * Publishes a container's endpoint.
   *
   * @param coordinator the job's coordinator topic
   * @param endpoint the endpoint
   * @throws IllegalStateException if the write fails
   */
  public static void publish(CoordinatorStream coordinator, QueryEndpoint endpoint) {
    ObjectNode value = MAPPER.createObjectNode();
    value.put("version", VERSION);
    value.put("containerId", endpoint.containerId());
    value.put("host", endpoint.host());
    value.put("port", endpoint.port());
    value.put("updatedMs", System.currentTimeMillis());
    coordinator.writeRecord(PREFIX + endpoint.containerId(), value.toString());
  }

  /**
   * Withdraws a container's endpoint (a tombstone).
   *
   * @param coordinator the job's coordinator topic
   * @param containerId the container
   * @throws IllegalStateException if the write fails
   */
  public static void withdraw(CoordinatorStream coordinator, String containerId) {
    coordinator.writeRecord(PREFIX + containerId, null);
  }

  /**
   * The endpoints among the coordinator topic's records ({@link CoordinatorStream#readAll()}).
   *
   * @param records every key's latest value
   * @return the endpoints by container id, sorted
   * @throws IllegalArgumentException if a record is not valid JSON of a known version
   */
  public static Map<String, QueryEndpoint> fromRecords(Map<String, String> records) {
    Map<String, QueryEndpoint> endpoints = new TreeMap<>();
    records.forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        JsonNode node;
        try {
          node = MAPPER.readTree(value);
        } catch (IOException e) {
          throw new IllegalArgumentException("coordinator record '" + key + "' is not valid JSON: " + e.getMessage(), e);
        }
        if (node.path("version").asInt(-1) != VERSION) {
          throw new IllegalArgumentException("coordinator record '" + key + "' has version " + node.get("version")
              + "; this Strand reads version " + VERSION);
        }
        String id = key.substring(PREFIX.length());
        endpoints.put(id, new QueryEndpoint(id, node.path("host").asText(), node.path("port").asInt()));
      }
    });
    return endpoints;
  }
}
