package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Reads the schema an Avro serde is configured with, turning every failure into a ConfigException. */
final class AvroSchemas {
  static final String CLASSPATH = "classpath:";

  private AvroSchemas() {
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
