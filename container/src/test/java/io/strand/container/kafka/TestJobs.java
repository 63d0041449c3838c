package io.strand.container.kafka;

import io.strand.config.Config;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Job configs for Helper-B tests: one or more systems on the test broker. */
public final class TestJobs {

  private static final AtomicInteger JOBS = new AtomicInteger();

  private TestJobs() {}

  /**
   * A unique job name for a test.
   *
   * @param prefix readable part
   * @return {@code prefix-<n>-<nanos>}
   */
  public static String uniqueJobName(String prefix) {
    return prefix + "-" + JOBS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
  }

  /**
   * A config with system {@code kafka} on the broker, the given job name, input {@code kafka.<input>}
   * and extra entries.
   *
   * @param bootstrap bootstrap servers
   * @param jobName job.name
   * @param input the input topic
   * @param extra more entries, key value pairs
   * @return the config
   */
  public static Config config(String bootstrap, String jobName, String input, String... extra) {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", jobName);
    m.put("job.id", "1");
    m.put("task.class", "io.strand.Nothing");
    m.put("task.inputs", "kafka." + input);
    m.put("systems.kafka.producer.bootstrap.servers", bootstrap);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      m.put(extra[i], extra[i + 1]);
    }
    return Config.of(m);
  }
}
