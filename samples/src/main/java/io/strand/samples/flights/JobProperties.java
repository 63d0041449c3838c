package io.strand.samples.flights;

import io.strand.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a sample job's properties file from the classpath and lays the settings of a local,
 * bounded run over it, so the demo and the tests run exactly the shipped configuration.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class JobProperties {

  private JobProperties() {
  }

  /**
   * A properties file on the classpath, as a {@link Config}.
   *
   * @param resource the resource name, for example {@code flight-delays.properties}
   * @return the config, whose source names the resource
   * @throws IllegalArgumentException if the resource is missing
   * @throws UncheckedIOException if it cannot be read
   */
  public static Config fromClasspath(String resource) {
    Properties p = new Properties();
    try (InputStream in = JobProperties.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no " + resource + " on the classpath");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
    }
    Map<String, String> entries = new HashMap<>();
    p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k).trim()));
    return new Config(entries, "classpath:" + resource);
  }

  /**
   * The settings of a local run that ends with its input: the given broker, the given inputs
   * bounded (they end at the end offset seen at start), stores under {@code stateDir}.
   *
   * @param bootstrapServers Kafka bootstrap servers
   * @param stateDir where stores (and a process runner's files) go
   * @param boundedInputs the input stream names on system {@code kafka}, bootstrap ones included
   * @return the overrides
   */
  public static Map<String, String> localBoundedRun(String bootstrapServers, Path stateDir, String... boundedInputs) {
    Map<String, String> o = new HashMap<>();
    o.put("systems.kafka.producer.bootstrap.servers", bootstrapServers);
    o.put("systems.kafka.consumer.bootstrap.servers", bootstrapServers);
    for (String stream : boundedInputs) {
      o.put("systems.kafka.streams." + stream + ".strand.bounded", "true");
    }
    o.put("job.logged.store.base.dir", stateDir.resolve("logged-stores").toString());
    o.put("job.non-logged.store.base.dir", stateDir.resolve("stores").toString());
    o.put("strand.process.work.dir", stateDir.resolve("process").toString());
    return o;
  }
}
