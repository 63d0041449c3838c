package io.strand.changelog;

import io.strand.config.Config;
import java.util.HashMap;
import java.util.Map;

/** Job configurations for the tests: string keys and values, no object cache unless asked. */
final class TestConfigs {

  private TestConfigs() {}

  static Map<String, String> job(String jobName, String bootstrap) {
    Map<String, String> m = new HashMap<>();
    m.put("job.name", jobName);
    m.put("task.commit.ms", "1000");
    m.put("systems.kafka.producer.bootstrap.servers", bootstrap);
    return m;
  }

  static void store(Map<String, String> m, String store, String factory, String changelog) {
    m.put("stores." + store + ".factory", factory);
    m.put("stores." + store + ".key.serde", "string");
    m.put("stores." + store + ".msg.serde", "string");
    m.put("stores." + store + ".object.cache.size", "0");
    if (changelog != null) {
      m.put("stores." + store + ".changelog", changelog);
    }
  }

  static Config rocks(String jobName, String bootstrap, String store, String changelog) {
    Map<String, String> m = job(jobName, bootstrap);
    store(m, store, "io.strand.kv.RocksDbStoreFactory", changelog);
    return Config.of(m);
  }
}
