package io.strand.changelog;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What shows that store instances have been used before (see
 * {@link ContainerStorage#earlierRunEvidence}): the container asks when a task has neither a
 * checkpoint nor committed offsets, to tell a new task from one whose checkpoints were lost.
 *
 * <p>Threading: stateless; blocks on one admin request per system.
 */
final class EarlierRun {

  private static final long ADMIN_TIMEOUT_SECONDS = 60;

  private EarlierRun() {}

  /**
   * Looks for an {@code OFFSET} file in each instance's directory (written at every commit) and for
   * records in each instance's changelog partition (its end offset above 0).
   *
   * @param instances logged instances whose changelogs exist
   * @param admins the admin client of each system, not closed here
   * @return one line per finding, sorted; empty when there is none
   * @throws IllegalStateException if the changelogs' end offsets cannot be read
   */
  static List<String> evidence(List<LoggedStoreInstance> instances, Function<String, Admin> admins) {
    List<String> evidence = new ArrayList<>();
    Map<String, List<LoggedStoreInstance>> bySystem = new TreeMap<>();
    for (LoggedStoreInstance instance : instances) {
      bySystem.computeIfAbsent(instance.changelog().system(), s -> new ArrayList<>()).add(instance);
      instance.local().filter(l -> Files.exists(l.offsetFile()))
          .ifPresent(l -> evidence.add("local state " + l.offsetFile() + " exists"));
    }
    for (Map.Entry<String, List<LoggedStoreInstance>> e : bySystem.entrySet()) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      e.getValue().forEach(i -> request.put(i.partition(), OffsetSpec.latest()));
      try {
        Admin admin = admins.apply(e.getKey());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
            .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        for (LoggedStoreInstance instance : e.getValue()) {
          long end = ends.get(instance.partition()).offset();
          if (end > 0) {
            evidence.add("changelog partition " + instance.partition() + " holds offsets up to " + (end - 1));
          }
        }
      } catch (ExecutionException | TimeoutException ex) {
        throw new IllegalStateException("cannot read the end offsets of the changelogs on system '" + e.getKey()
            + "': " + (ex instanceof ExecutionException ? ex.getCause() : ex), ex);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted reading the end offsets of the changelogs", ex);
      }
    }
    evidence.sort(null);
    return evidence;
  }
}
