package io.strand.yarn.launch;

import io.strand.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.yarn.api.records.ApplicationId;

/**
 * Where an application's config is staged for YARN to localize:
 * {@code <strand.yarn.staging.dir>/<application id>/job.properties} on a Hadoop file system
 * (default: {@code .strand/staging} under the default file system's home directory). The file is
 * the job's effective config (file plus overrides, variables already substituted; a literal
 * <code>${</code> written as <code>$${</code> so the AM's loader keeps it), readable by its owner
 * only since it may hold secrets. The AM deletes the application's directory when it unregisters.
 *
 * <p>Threading: stateless; safe from any thread.
 */
public final class JobStaging {

  private JobStaging() {}

  /**
   * The staging directory of an application.
   *
   * @param conf the Hadoop configuration
   * @param config the job config ({@value YarnSettings#STAGING_DIR})
   * @param appId the application
   * @return the directory, qualified with its file system
   * @throws UncheckedIOException if the file system cannot be reached
   */
  public static Path applicationDir(Configuration conf, Config config, ApplicationId appId) {
    try {
      Path root = new YarnSettings(config).stagingDir().map(Path::new).orElse(null);
      FileSystem fs = root == null ? FileSystem.get(conf) : root.getFileSystem(conf);
      if (root == null) {
        root = new Path(fs.getHomeDirectory(), ".strand/staging");
      }
      return fs.makeQualified(new Path(root, appId.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the staging file system: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the config of an application.
   *
   * @param conf the Hadoop configuration
   * @param config the effective job config
   * @param appId the application
   * @return the staged file's URI
   * @throws UncheckedIOException if it cannot be written, naming the file
   */
  public static URI stageConfig(Configuration conf, Config config, ApplicationId appId) {
    Path dir = applicationDir(conf, config, appId);
    Path file = new Path(dir, JobFiles.CONFIG_FILE);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      fs.mkdirs(dir, new FsPermission((short) 0700));
      Properties properties = new Properties();
      for (Map.Entry<String, String> e : new TreeMap<>(config.asMap()).entrySet()) {
        properties.setProperty(e.getKey(), e.getValue().replace("${", "$${"));
      }
      try (OutputStream out = fs.create(file, true);
          Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        properties.store(writer, "Effective config of " + appId + ", from " + config.source());
      }
      fs.setPermission(file, new FsPermission((short) 0600));
      return file.toUri();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage the job config to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes an application's staging directory; a failure is returned, not thrown, since the
   * application's outcome does not depend on it.
   *
   * @param conf the Hadoop configuration
   * @param configUri the staged config file's URI (its parent is the directory)
   * @return null when deleted (or already gone), else the reason
   */
  public static String deleteStaged(Configuration conf, URI configUri) {
    Path dir = new Path(configUri).getParent();
    try {
      dir.getFileSystem(conf).delete(dir, true);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    }
  }
}
