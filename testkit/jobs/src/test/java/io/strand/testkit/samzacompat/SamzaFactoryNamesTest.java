package io.strand.testkit.samzacompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;
import io.strand.container.runner.StreamJobFactory;
import io.strand.container.validate.ContainerChecks;
import io.strand.kv.StoreFactory;
import io.strand.metrics.reporter.MetricsReporterFactory;
import io.strand.serializers.SerdeFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every factory class a Samza 1.x properties file names, rewritten by the one {@code sed}, is a
 * Strand class of the kind its key takes: runners, the Kafka system, the serdes (the snapshot
 * stream's included), the store engines, the metrics reporters and the config loader.
 */
class SamzaFactoryNamesTest {

  /** Samza's name, and the Strand type the key needs (Object where Strand only recognizes the name). */
  private static final Map<String, Class<?>> SAMZA_FACTORIES = Map.ofEntries(
      Map.entry("org.apache.samza.job.local.ThreadJobFactory", StreamJobFactory.class),
      Map.entry("org.apache.samza.job.local.ProcessJobFactory", StreamJobFactory.class),
      Map.entry("org.apache.samza.system.kafka.KafkaSystemFactory", Object.class),
      Map.entry("org.apache.samza.serializers.StringSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.IntegerSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.LongSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.DoubleSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.ByteSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.JsonSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.serializers.MetricsSnapshotSerdeFactory", SerdeFactory.class),
      Map.entry("org.apache.samza.storage.kv.RocksDbKeyValueStorageEngineFactory", StoreFactory.class),
      Map.entry("org.apache.samza.storage.kv.inmemory.InMemoryKeyValueStorageEngineFactory", StoreFactory.class),
      Map.entry("org.apache.samza.metrics.reporter.JmxReporterFactory", MetricsReporterFactory.class),
      Map.entry("org.apache.samza.metrics.reporter.MetricsSnapshotReporterFactory", MetricsReporterFactory.class),
      Map.entry("org.apache.samza.config.loaders.PropertiesConfigLoaderFactory", Object.class));

  @Test
  void eachSamzaFactoryNameRewrittenIsAStrandClassOfTheKindItsKeyTakes() throws Exception {
    Map<String, String> wrong = new TreeMap<>();
    for (Map.Entry<String, Class<?>> e : SAMZA_FACTORIES.entrySet()) {
      String strand = "io.strand." + e.getKey().substring("org.apache.samza.".length());
      try {
        Class<?> cls = Class.forName(strand, false, getClass().getClassLoader());
        if (!e.getValue().isAssignableFrom(cls)) {
          wrong.put(strand, "is not a " + e.getValue().getName());
        }
      } catch (ClassNotFoundException missing) {
        wrong.put(strand, "does not exist");
      }
    }
    assertEquals(Map.of(), wrong);
  }

  @Test
  void theYarnRunnersSamzaNameIsAcceptedWhereTheYarnModuleIsNotOnTheClassPath() {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", "ported");
    m.put("job.factory.class", "io.strand.job.yarn.YarnJobFactory");
    m.put("task.class", WordCountTask.class.getName());
    m.put("task.inputs", "kafka.words");
    m.put("systems.kafka.producer.bootstrap.servers", "localhost:9092");
    List<ConfigProblem> problems = ContainerChecks.validator().problems(Config.of(m));
    assertTrue(problems.stream().noneMatch(p -> p.key().equals("job.factory.class")), problems::toString);
  }
}
