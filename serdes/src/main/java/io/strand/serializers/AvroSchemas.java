package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Reads the schemas an Avro serde is configured with, turning every failure into a ConfigException. */
final class AvroSchemas {
  static final String CLASSPATH = "classpath:";
  static final String SCHEMA_FILE_SUFFIX = ".avsc";

  private AvroSchemas() {
  }

  /**
   * Reads a comma-separated list of schema sources: files, {@code classpath:} resources and
   * directories, of which every {@code *.avsc} file directly inside is read (in name order). Each
   * file is parsed on its own, so two versions of one record may sit side by side, and each must be
   * self-contained.
   *
   * @param config the configuration, for errors
   * @param key the key holding the list
   * @return the schemas, in the order listed; empty if the key is absent or blank
   * @throws ConfigException if an entry cannot be read or parsed, or a directory holds no .avsc file
   */
  static List<Schema> loadAll(Config config, String key) {
    List<Schema> schemas = new ArrayList<>();
    for (String entry : config.getList(key)) {
      if (!entry.startsWith(CLASSPATH) && Files.isDirectory(Path.of(entry))) {
        Path path = Path.of(entry);
        List<Path> files = schemaFiles(config, key, path);
        if (files.isEmpty()) {
          throw config.problem(key, "directory '" + path.toAbsolutePath() + "' holds no " + SCHEMA_FILE_SUFFIX
              + " file");
        }
        files.forEach(file -> schemas.add(load(config, key, file.toString())));
      } else {
        schemas.add(load(config, key, entry));
      }
    }
    return List.copyOf(schemas);
  }

  /**
   * The {@code *.avsc} files directly inside a directory, in name order.
   *
   * @param config the configuration, for errors
   * @param key the key naming the directory
   * @param dir the directory
   * @return the files; empty if there are none
   * @throws ConfigException if the directory cannot be listed
   */
  static List<Path> schemaFiles(Config config, String key, Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(SCHEMA_FILE_SUFFIX) && Files.isRegularFile(f))
          .sorted().toList();
    } catch (IOException e) {
      throw withCause(config.problem(key, "cannot list directory '" + dir.toAbsolutePath() + "': " + e), e);
    }
  }

  static Schema load(Config config, String key, String value) {
    if (value.startsWith("{") || value.startsWith("\"")) {
      return parse(config, key, value, "inline schema");
    }
    if (value.startsWith(CLASSPATH)) {
      String resource = value.substring(CLASSPATH.length()).replaceFirst("^/+", "");
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = AvroSchemas.class.getClassLoader();
      }
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw config.problem(key, "classpath resource '" + resource + "' was not found");
        }
        return parse(config, key, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
            "classpath resource '" + resource + "'");
      } catch (IOException e) {
        throw withCause(config.problem(key, "cannot read classpath resource '" + resource + "': " + e), e);
      }
    }
    Path file = Path.of(value);
    try {
      return parse(config, key, Files.readString(file), "schema file '" + file.toAbsolutePath() + "'");
    } catch (NoSuchFileException e) {
      throw withCause(config.problem(key, "schema file '" + file.toAbsolutePath() + "' does not exist;"
          + " use a file path, classpath:resource or inline JSON"), e);
    } catch (IOException e) {
      throw withCause(config.problem(key, "cannot read schema file '" + file.toAbsolutePath() + "': " + e), e);
    }
  }

  private static Schema parse(Config config, String key, String json, String what) {
    try {
      return new Schema.Parser().parse(json);
    } catch (SchemaParseException e) {
      throw withCause(config.problem(key, what + " is not a valid Avro schema: " + e.getMessage()), e);
    }
  }

  private static ConfigException withCause(ConfigException problem, Throwable cause) {
    problem.initCause(cause);
    return problem;
  }
}
