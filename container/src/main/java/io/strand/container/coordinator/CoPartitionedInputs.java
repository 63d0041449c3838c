package io.strand.container.coordinator;

import io.strand.config.Config;
import io.strand.config.view.JobConfig;
import io.strand.system.SystemStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks the job's co-partitioned input groups ({@code job.copartitioned.<group>=system.stream,...},
 * one per key-based join of a streams application: stream-stream, stream-table, table-table and
 * both halves of a foreign-key join) when the job model is planned: a key's records of every
 * input of a group must reach one task, which holds only when the inputs have the same partition
 * count (and the same partitioner), as Samza's planner checks the inputs of a join. Intermediate
 * topics count with the partition count they were created with.
 *
 * <p>This is the job's one co-partitioning check. Planning is the first moment every count is
 * known (the coordinator creates the intermediate topics just before) and every runner plans
 * through it (thread, process, YARN), so a mismatch fails the job before any container starts,
 * rather than in each task of each container; tasks do not check again.
 *
 * <p>Threading: stateless.
 */
final class CoPartitionedInputs {

  private CoPartitionedInputs() {
  }

  /**
   * Checks every group.
   *
   * @param config the whole job config
   * @param partitionCounts the partition count of every input of the job
   * @throws IllegalStateException naming the group, each of its inputs with its partition count and
   *     the fix, when a group's counts differ or it names a stream that is not an input of the job
   */
  static void check(Config config, Map<SystemStream, Integer> partitionCounts) {
    Map<String, String> groups = new TreeMap<>(config.subset(JobConfig.JOB_COPARTITIONED_PREFIX).asMap());
    groups.forEach((group, value) -> {
      List<String> counts = new ArrayList<>();
      Integer first = null;
      boolean differ = false;
      for (String name : value.split(",")) {
        SystemStream stream = SystemStream.parse(name.trim());
        Integer n = partitionCounts.get(stream);
        if (n == null) {
          throw new IllegalStateException(JobConfig.JOB_COPARTITIONED_PREFIX + group + " names " + name.trim()
              + ", which is not an input of the job (task.inputs)");
        }
        counts.add(name.trim() + " has " + n);
        differ |= first != null && !first.equals(n);
        first = first == null ? n : first;
      }
      if (differ) {
        throw new IllegalStateException("join '" + group + "' joins inputs with different partition counts: "
            + String.join(", ", counts) + " partition(s). A key's records from both sides must meet in one task,"
            + " so the inputs must be co-partitioned: repartition the side whose count differs"
            + " (KStream.repartition(Repartitioned.as(\"...\")); an intermediate topic gets the largest partition"
            + " count of the job's inputs), or recreate the input topics with one count");
      }
    });
  }
}
