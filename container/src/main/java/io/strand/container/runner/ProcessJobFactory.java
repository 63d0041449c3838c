package io.strand.container.runner;

import io.strand.config.Config;
import io.strand.config.SecretMasking;
import io.strand.config.view.ClusterManagerConfig;
import io.strand.config.view.JobConfig;
import io.strand.config.view.TaskConfig;
import io.strand.container.coordinator.JobModels;
import io.strand.container.model.JobModel;
import io.strand.container.status.StatusSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process runner ({@code job.factory.class=io.strand.container.runner.ProcessJobFactory}):
 * one child JVM per container on this host, restarted on failure within
 * {@code cluster-manager.container.retry.count} failures per
 * {@code cluster-manager.container.retry.window.ms}; for soak and fault tests on one machine.
 *
 * <p>The children get the job's effective config (file plus overrides, variables already
 * substituted) as {@code <work dir>/job.properties}, readable by the owner only, without its
 * secrets: each secret value (a {@link SecretMasking#isSecret secret} key's, or a value holding a
 * secret-looking {@code -D} option such as {@code task.opts}) is written as a reference
 * <code>${STRAND_SECRET_n}</code> and passed in the children's environment, so no file holds it in
 * clear text. The file is removed when the job ends. A literal <code>${</code> in a value is
 * written as <code>$${</code> so the child's loader keeps it. The work dir is {@value #WORK_DIR} (default {@code <java.io.tmpdir>/strand-<job.name>-<job.id>});
 * the children's logs go there too. Their JVM options come from {@code task.opts}, split at
 * whitespace (quoting is not supported). When the class path is all jar files, the children
 * share one class-data archive ({@link ClassDataSharing}; {@code strand.process.cds.enabled},
 * {@code strand.process.cds.dir}) so a restarted container starts faster.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class ProcessJobFactory implements StreamJobFactory {

  /** Where the process runner writes the children's config file and log files. */
  public static final String WORK_DIR = "strand.process.work.dir";
  /** The children's config file in the work dir; removed when the job ends. */
  public static final String CONFIG_FILE = "job.properties";
  /** The children's environment variables that carry secrets: {@code STRAND_SECRET_0}, ... */
  public static final String SECRET_VARIABLE_PREFIX = "STRAND_SECRET_";

  private static final Logger LOG = LoggerFactory.getLogger(ProcessJobFactory.class);

  /** Creates the factory (reflectively, from configuration). */
  public ProcessJobFactory() {}

  @Override
  public StreamJob getJob(Config config) {
    return newJob(config);
  }

  /**
   * As {@link #getJob(Config)}, with the process-mode type, for tools and tests that look at the
   * children.
   *
   * @param config the whole, validated job config
   * @return the job, not yet submitted
   * @throws io.strand.config.ConfigException for malformed or missing configuration
   * @throws IllegalStateException if an input topic does not exist or Kafka cannot be reached
   * @throws java.io.UncheckedIOException if the work dir or config file cannot be written
   */
  public ProcessJob newJob(Config config) {
    return newJob(config, System.getProperty("java.class.path"));
  }

  /**
   * As {@link #newJob(Config)}, with the children's class path given rather than this JVM's (for
   * tools that launch containers from another set of jars, and tests).
   *
   * @param config the whole, validated job config
   * @param classPath the children's class path, entries separated by {@link java.io.File#pathSeparator}
   * @return the job, not yet submitted
   * @throws io.strand.config.ConfigException for malformed or missing configuration
   * @throws IllegalStateException if an input topic does not exist or Kafka cannot be reached
   * @throws java.io.UncheckedIOException if the work dir or config file cannot be written
   */
  public ProcessJob newJob(Config config, String classPath) {
    JobConfig job = new JobConfig(config);
    TaskConfig task = new TaskConfig(config);
    ClusterManagerConfig cluster = new ClusterManagerConfig(config);
    RestartPolicy policy = new RestartPolicy(cluster.getContainerRetryCount(), cluster.getContainerRetryWindowMs());
    Path workDir = config.get(WORK_DIR).map(String::trim).filter(s -> !s.isEmpty()).map(Path::of)
        .orElse(Path.of(System.getProperty("java.io.tmpdir"), "strand-" + job.getName() + "-" + job.getId()));
    List<String> jvmOptions = task.getOpts().map(o -> Arrays.asList(o.trim().split("\\s+"))).orElse(List.of());
    long shutdownMs = task.getShutdownMs();

    JobModel model = JobModels.compute(config);
    ChildConfig childConfig = writeConfig(config, workDir);
    LOG.info("Job {}-{}: container config written to {} ({} secret(s) passed through the environment instead)",
        model.jobName(), model.jobId(), childConfig.file(), childConfig.environment().size());
    Optional<ClassDataSharing> sharing = ClassDataSharing.forJob(config, classPath, jvmOptions);
    return new ProcessJob(model, childConfig.file(), childConfig.environment(), workDir, jvmOptions, classPath,
        sharing, shutdownMs, policy, StatusSettings.fromConfig(config, true));
  }

  /** What the children get: the config file, and the environment that holds its secrets. */
  record ChildConfig(Path file, Map<String, String> environment) { }

  /**
   * Writes the children's config file, secrets left out: each value that is a secret
   * ({@link SecretMasking#isSecret} key, or a secret-looking {@code -D} option in the value) is
   * written as a reference <code>${STRAND_SECRET_n}</code>, and its value goes into the children's
   * environment under that name, which their config loader substitutes as it does any
   * <code>${VAR}</code>. So no file holds a secret in clear text.
   */
  private static ChildConfig writeConfig(Config config, Path workDir) {
    Path file = workDir.resolve(CONFIG_FILE);
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system
      }
      Properties properties = new Properties();
      Map<String, String> environment = new TreeMap<>();
      for (Map.Entry<String, String> e : new TreeMap<>(config.asMap()).entrySet()) {
        String value = e.getValue();
        if (SecretMasking.isSecret(e.getKey()) || !SecretMasking.maskOptions(value).equals(value)) {
          String variable = SECRET_VARIABLE_PREFIX + environment.size();
          environment.put(variable, value);
          properties.setProperty(e.getKey(), "${" + variable + "}");
        } else {
          properties.setProperty(e.getKey(), value.replace("${", "$${"));
        }
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        properties.store(out, "Effective config of the job, from " + config.source() + "; written by the process"
            + " runner. Secrets are not here: they reach the containers through their environment.");
      }
      return new ChildConfig(file, Map.copyOf(environment));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the containers' config file " + file + ": " + e.getMessage(), e);
    }
  }
}
