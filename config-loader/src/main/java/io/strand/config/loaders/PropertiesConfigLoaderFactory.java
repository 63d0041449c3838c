package io.strand.config.loaders;

import io.strand.config.Config;
import io.strand.config.load.ConfigLoader;
import java.nio.file.Path;

/**
 * The name a ported Samza properties file gives its config loader
 * ({@code job.config.loader.factory=io.strand.config.loaders.PropertiesConfigLoaderFactory},
 * Samza's {@code org.apache.samza.config.loaders.PropertiesConfigLoaderFactory}). Strand always
 * loads the properties file given to {@code run-job --config-path} and ships the loaded
 * configuration to its containers, so the key is accepted and changes nothing; any other loader
 * factory is rejected at validation. A thin alias of {@link ConfigLoader}, for code that loads
 * the file {@code job.config.loader.properties.path} names.
 *
 * <p>Threading: stateless.
 */
public final class PropertiesConfigLoaderFactory {

  /** The key naming the file, as Samza's. */
  public static final String PROPERTIES_PATH = "job.config.loader.properties.path";

  /** Creates the factory. */
  public PropertiesConfigLoaderFactory() {}

  /**
   * Loads the file {@value #PROPERTIES_PATH} names.
   *
   * @param config a configuration holding {@value #PROPERTIES_PATH}
   * @return the loaded configuration (variables substituted, {@code app.class} resolved)
   * @throws io.strand.config.ConfigException naming {@value #PROPERTIES_PATH} when unset, or the
   *     file's problems
   */
  public Config getConfig(Config config) {
    return new ConfigLoader().load(Path.of(config.getRequired(PROPERTIES_PATH)));
  }
}
