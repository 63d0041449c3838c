package io.strand.container.cli;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import io.strand.config.ConfigRenderer;
import io.strand.config.load.ConfigLoader;
import io.strand.config.view.JobConfig;
import io.strand.container.validate.ContainerChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The options that name a job's config, {@code --config-path <file> [--config k=v]...}, and the
 * one way the job commands load it: read the file, apply the overrides (a later one wins),
 * validate (every problem reported at once, Kafka client and store settings included: see
 * {@link ContainerChecks}), and log the result once with secrets masked. A
 * picocli mixin ({@code @Mixin ConfigOptions config = new ConfigOptions();}), shared by
 * {@code run-job} and the YARN module's {@code run}.
 *
 * <p>Threading: filled by picocli on the command's thread and used there.
 */
public final class ConfigOptions {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigOptions.class);

  @Option(names = "--config-path", required = true, paramLabel = "<file>", description = "The job's .properties file.")
  private Path configPath;

  @Option(names = "--config", paramLabel = "<key=value>",
      description = "Overrides one config value; may be repeated (a later one wins).")
  private List<String> overrides = new ArrayList<>();

  /** Used by picocli, or by a command declaring the mixin. */
  public ConfigOptions() {}

  /**
   * Loads and validates the job's config, and logs it at INFO with secrets masked.
   *
   * @param err where a problem is printed, as one line {@code run-job: <problem>} naming the key
   *     and file
   * @return the effective config, or empty when it is invalid or cannot be read (the caller exits
   *     with {@link RunJobCommand#EXIT_CONFIG})
   */
  public Optional<Config> load(PrintWriter err) {
    Config config;
    try {
      config = new ConfigLoader().load(configPath, overrides);
      ContainerChecks.validator().validate(config);
    } catch (ConfigException e) {
      err.println("run-job: " + e.getMessage());
      err.flush();
      return Optional.empty();
    }
    JobConfig job = new JobConfig(config);
    LOG.info("Job {}-{}: {}", job.getName(), job.getId(), ConfigRenderer.render(config));
    return Optional.of(config);
  }
}
