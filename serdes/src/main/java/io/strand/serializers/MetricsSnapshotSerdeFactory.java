package io.strand.serializers;

import io.strand.config.Config;
import java.util.Map;

/**
 * Makes a {@link MetricsSnapshotSerde}: Samza's {@code MetricsSnapshotSerdeFactory} under its
 * rewritten name, so a Samza properties file's
 * {@code serializers.registry.metrics.class=org.apache.samza.serializers.MetricsSnapshotSerdeFactory}
 * ports by the package rewrite. The snapshot reporter writes its records as this JSON itself
 * whatever serde the stream has; the serde is for jobs that read the metrics stream (or write to it).
 * Reads no settings.
 *
 * <p>Thread-safe; keeps no state.
 */
public final class MetricsSnapshotSerdeFactory implements SerdeFactory<Map<String, Object>> {

  /** Creates one; factories are instantiated by class name from configuration. */
  public MetricsSnapshotSerdeFactory() {
  }

  @Override
  public Serde<Map<String, Object>> getSerde(String name, Config config) {
    return new MetricsSnapshotSerde(name);
  }
}
