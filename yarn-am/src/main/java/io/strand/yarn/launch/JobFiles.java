package io.strand.yarn.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;

/**
 * The files YARN localizes into the AM's and every container's working directory: the job's
 * effective config as {@value #CONFIG_FILE}, and, in package mode, the job package
 * ({@code yarn.package.path}, a tar.gz with {@code bin/}, {@code lib/}, {@code config/}) unpacked
 * as {@value #PACKAGE_DIR}, as Samza localizes its job package.
 *
 * <p>YARN checks each file's size and modification time against the values given here, so both
 * are read from the file system when the resources are made (by the client for the AM, by the AM
 * for its containers: the same files, unchanged).
 *
 * <p>Threading: an immutable value, safe to share between threads.
 *
 * @param configUri where the staged config file lives, a Hadoop file-system URI
 * @param packageUri the job package, or empty in class-path mode
 */
public record JobFiles(URI configUri, Optional<URI> packageUri) {

  /** The config file's name in a container's working directory. */
  public static final String CONFIG_FILE = "job.properties";
  /** The package's directory in a container's working directory. */
  public static final String PACKAGE_DIR = "__package";
  /** Environment variable handing the AM and containers the staged config's URI. */
  public static final String CONFIG_URI_ENV = "STRAND_CONFIG_URI";
  /** Environment variable handing the AM and containers the package's URI (package mode only). */
  public static final String PACKAGE_URI_ENV = "STRAND_PACKAGE_URI";

  /**
   * The files named by the environment of an AM or container launched by Strand.
   *
   * @param environment reads an environment variable (null when unset)
   * @return the files
   * @throws IllegalStateException if {@value #CONFIG_URI_ENV} is not set (not launched by Strand)
   */
  public static JobFiles fromEnvironment(java.util.function.Function<String, String> environment) {
    String config = environment.apply(CONFIG_URI_ENV);
    if (config == null || config.isBlank()) {
      throw new IllegalStateException(CONFIG_URI_ENV + " is not set: this process was not launched by Strand's YARN client");
    }
    String pkg = environment.apply(PACKAGE_URI_ENV);
    return new JobFiles(URI.create(config), Optional.ofNullable(pkg).filter(s -> !s.isBlank()).map(URI::create));
  }

  /**
   * The environment variables that name these files, for {@link #fromEnvironment}.
   *
   * @return the variables
   */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(CONFIG_URI_ENV, configUri.toString());
    packageUri.ifPresent(p -> env.put(PACKAGE_URI_ENV, p.toString()));
    return env;
  }

  /**
   * The localized resources, by name in the working directory.
   *
   * @param conf the Hadoop configuration (file systems)
   * @return the resources
   * @throws UncheckedIOException if a file cannot be found or read, naming it
   */
  public Map<String, LocalResource> localResources(Configuration conf) {
    Map<String, LocalResource> resources = new LinkedHashMap<>();
    resources.put(CONFIG_FILE, resource(conf, configUri, LocalResourceType.FILE));
    packageUri.ifPresent(uri -> resources.put(PACKAGE_DIR, resource(conf, uri, LocalResourceType.ARCHIVE)));
    return resources;
  }

  private static LocalResource resource(Configuration conf, URI uri, LocalResourceType type) {
    Path path = new Path(uri);
    try {
      FileStatus status = path.getFileSystem(conf).getFileStatus(path);
      Path qualified = status.getPath();
      return LocalResource.newInstance(URL.fromPath(qualified), type, LocalResourceVisibility.APPLICATION,
          status.getLen(), status.getModificationTime());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + uri + " (to localize it on YARN): " + e.getMessage(), e);
    }
  }
}
