package io.strand.container.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strand.Partition;
import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a {@link JobModel}, as written to the coordinator topic. Version 1:
 *
 * <pre>
 * {"version":1, "jobName":"flights", "jobId":"1",
 *  "grouperFactory":"io.strand.container.grouper.GroupByPartitionFactory",
 *  "containers":[{"id":"0", "tasks":[{"taskName":"Partition 0", "changelogPartition":0,
 *     "inputs":[{"system":"kafka", "stream":"flights", "partition":0}]}]}]}
 * </pre>
 *
 * <p>The tree is built field by field rather than by reflection so the wire form does not change
 * when the records gain methods or fields; a reader meeting a newer version refuses it.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class JobModelJson {

  /** The format version this class writes and reads. */
  public static final int VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JobModelJson() {}

  /**
   * Renders a model.
   *
   * @param model the model
   * @return compact JSON with a {@code version} field
   */
  public static String toJson(JobModel model) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", VERSION);
    root.put("jobName", model.jobName());
    root.put("jobId", model.jobId());
    root.put("grouperFactory", model.grouperFactory());
    ArrayNode containers = root.putArray("containers");
    for (ContainerModel container : model.containers()) {
      ObjectNode c = containers.addObject();
      c.put("id", container.id());
      ArrayNode tasks = c.putArray("tasks");
      for (TaskModel task : container.tasks()) {
        ObjectNode t = tasks.addObject();
        t.put("taskName", task.taskName().name());
        t.put("changelogPartition", task.changelogPartition().id());
        ArrayNode inputs = t.putArray("inputs");
        for (SystemStreamPartition ssp : task.inputs()) {
          inputs.addObject().put("system", ssp.getSystem()).put("stream", ssp.getStream())
              .put("partition", ssp.partition().id());
        }
      }
    }
    return root.toString();
  }

  /**
   * Parses a model.
   *
   * @param json text written by {@link #toJson(JobModel)}
   * @return the model
   * @throws IllegalArgumentException if the text is not JSON, lacks a field, or has a version
   *     other than {@value #VERSION}
   */
  public static JobModel fromJson(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("job model is not valid JSON: " + e.getOriginalMessage(), e);
    }
    int version = required(root, "version").asInt(-1);
    if (version != VERSION) {
      throw new IllegalArgumentException("job model has version " + required(root, "version")
          + "; this Strand reads version " + VERSION);
    }
    List<ContainerModel> containers = new ArrayList<>();
    for (JsonNode c : required(root, "containers")) {
      List<TaskModel> tasks = new ArrayList<>();
      for (JsonNode t : required(c, "tasks")) {
        List<SystemStreamPartition> inputs = new ArrayList<>();
        for (JsonNode i : required(t, "inputs")) {
          inputs.add(new SystemStreamPartition(text(i, "system"), text(i, "stream"), required(i, "partition").asInt()));
        }
        tasks.add(new TaskModel(new TaskName(text(t, "taskName")), inputs,
            new Partition(required(t, "changelogPartition").asInt())));
      }
      containers.add(new ContainerModel(text(c, "id"), tasks));
    }
    return new JobModel(text(root, "jobName"), text(root, "jobId"), text(root, "grouperFactory"), containers);
  }

  private static String text(JsonNode node, String field) {
    return required(node, field).asText();
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("job model JSON lacks field '" + field + "' in " + abbreviate(node));
    }
    return value;
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
