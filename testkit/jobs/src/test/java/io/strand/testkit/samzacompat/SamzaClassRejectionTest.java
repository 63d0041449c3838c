package io.strand.testkit.samzacompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigProblem;
import io.strand.config.application.ApplicationLoader;
import io.strand.container.validate.ContainerChecks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Samza class with no Strand counterpart is rejected at validation with a message naming the
 * key and what to use instead, never ignored; so is a Samza name the {@code sed} was not run on.
 */
class SamzaClassRejectionTest {

  private static final Map<String, String> PLACEHOLDERS = Map.of("JOB", "rejected", "INPUT", "words",
      "OUTPUT", "counts", "WINDOWS", "windows", "METRICS", "metrics", "BOOTSTRAP", "localhost:9092", "STORE_DIR", "/tmp/unused");

  private static Config ported(String extra, Path dir) throws Exception {
    String text = SamzaJobs.ported("word-count.properties", extra);
    return SamzaJobs.load(text, PLACEHOLDERS, dir);
  }

  private static Optional<ConfigProblem> problemOf(Config config, String key) {
    return ContainerChecks.validator().problems(config).stream().filter(p -> p.key().equals(key)).findFirst();
  }

  @Test
  void thePortedFileItselfIsValid(@TempDir Path dir) throws Exception {
    assertEquals(List.of(), ContainerChecks.validator().problems(ported("", dir)));
  }

  @Test
  void aNonKafkaSystemFactoryIsRejectedNamingTheKeyAndTheKafkaFactory(@TempDir Path dir) throws Exception {
    Config config = ported("systems.hdfs.samza.factory=org.apache.samza.system.hdfs.HdfsSystemFactory", dir);
    assertEquals("io.strand.system.hdfs.HdfsSystemFactory", config.get("systems.hdfs.samza.factory").orElseThrow());

    ConfigException e = assertThrows(ConfigException.class, () -> ContainerChecks.validator().validate(config));

    String message = problemOf(config, "systems.hdfs.samza.factory").orElseThrow(() -> new AssertionError(e)).toString();
    assertTrue(message.contains("systems.hdfs.samza.factory") && message.contains("io.strand.system.hdfs.HdfsSystemFactory")
        && message.contains("use io.strand.system.kafka.KafkaSystemFactory") && message.contains("Kafka only"), message);
    assertTrue(e.getMessage().contains("systems.hdfs.samza.factory"), e.getMessage());
  }

  @Test
  void aZooKeeperJobCoordinatorIsRejectedWithAdviceToRemoveTheKey(@TempDir Path dir) throws Exception {
    Config config = ported("job.coordinator.factory=org.apache.samza.zk.ZkJobCoordinatorFactory", dir);

    String message = problemOf(config, "job.coordinator.factory").orElseThrow().toString();

    assertTrue(message.contains("io.strand.zk.ZkJobCoordinatorFactory") && message.contains("remove job.coordinator.factory"),
        message);
  }

  @Test
  void aSamzaNameLeftUnportedIsRejectedNamingTheStrandNameToUse(@TempDir Path dir) throws Exception {
    String text = SamzaJobs.ported("word-count.properties") + "\nstores.other.factory="
        + "org.apache.samza.storage.kv.RocksDbKeyValueStorageEngineFactory\n"
        + "stores.other.key.serde=string\nstores.other.msg.serde=string\n";
    Config config = SamzaJobs.load(text, PLACEHOLDERS, dir);

    String message = problemOf(config, "stores.other.factory").orElseThrow().toString();

    assertTrue(message.contains("use io.strand.storage.kv.RocksDbKeyValueStorageEngineFactory")
        && message.contains("sed 's/org\\.apache\\.samza\\./io.strand./g'"), message);
  }

  @Test
  void appClassAndTaskClassTogetherAreRejectedWhenLoading(@TempDir Path dir) throws Exception {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ported("app.class=" + WordCountApplication.class.getName(), dir));

    assertEquals(ApplicationLoader.APP_CLASS, e.problems().get(0).key());
    assertTrue(e.getMessage().contains("app.class and task.class are both set"), e.getMessage());
  }
}
