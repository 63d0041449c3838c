package io.strand.container.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.container.TaskName;
import io.strand.system.SystemStreamPartition;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointJsonTest {

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void valueRoundTripsAndKeysAreStableBytes() {
    TaskName task = new TaskName("Partition 7");
    Checkpoint c = new Checkpoint(task, Map.of(new SystemStreamPartition("kafka", "a.b", 7), Long.MAX_VALUE - 1),
        Map.of("s1", 0L));
    assertEquals(c, CheckpointJson.readValue(task, CheckpointJson.value(c)));
    assertArrayEquals(CheckpointJson.key(task, "G"), CheckpointJson.key(new TaskName("Partition 7"), "G"));
    assertEquals(new CheckpointJson.Key(1, "checkpoint", "Partition 7", "G"),
        CheckpointJson.readKey(CheckpointJson.key(task, "G")));
  }

  @Test
  void unknownFieldsAreIgnoredAndMissingMapsAreEmpty() {
    Checkpoint c = CheckpointJson.readValue(new TaskName("t"), utf8("{\"version\":1,\"future\":true}"));
    assertEquals(Map.of(), c.inputOffsets());
    assertEquals(Map.of(), c.changelogOffsets());
  }

  @Test
  void aNewerVersionOrAnIncompleteInputIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CheckpointJson.readKey(utf8("{\"version\":2,\"type\":\"checkpoint\",\"task\":\"t\",\"grouper\":\"g\"}")));
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
        () -> CheckpointJson.readValue(new TaskName("t"),
            utf8("{\"version\":1,\"inputs\":[{\"system\":\"kafka\",\"stream\":\"s\",\"partition\":0}]}")));
    assertTrue(e2.getMessage().contains("\"offset\""), e2.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CheckpointJson.readKey(utf8("[1,2]")));
  }
}
