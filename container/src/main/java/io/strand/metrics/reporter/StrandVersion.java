package io.strand.metrics.reporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Strand's version, from {@code strand-version.properties} (filled in by the build).
 *
 * <p>Threading: stateless.
 */
final class StrandVersion {

  private static final String RESOURCE = "strand-version.properties";

  private StrandVersion() {}

  /**
   * The version.
   *
   * @return for example {@code 0.1.0-SNAPSHOT}, or {@code unknown} when the resource is missing
   */
  static String get() {
    try (InputStream in = StrandVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
