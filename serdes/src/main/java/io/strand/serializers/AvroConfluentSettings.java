package io.strand.serializers;

import io.strand.config.Config;
import io.strand.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Reads the schema ids of an Avro serde in the Confluent wire format ({@link AvroSchemaIds}) from
 * {@code serializers.registry.<name>.schema.id} and {@code .schema.ids}, turning every failure into
 * a {@link ConfigException} naming the key.
 */
final class AvroConfluentSettings {
  /** The reader schema's id, after the serde's registry prefix. */
  static final String ID = "schema.id";
  /** The writer schemas by id, after the serde's registry prefix. */
  static final String IDS = "schema.ids";

  private static final Pattern ENTRY = Pattern.compile("(\\d+)\\s*=\\s*(.+)");
  private static final Pattern FILE = Pattern.compile("(\\d+)" + Pattern.quote(AvroSchemas.SCHEMA_FILE_SUFFIX));

  private AvroConfluentSettings() {
  }

  /**
   * Reads the ids.
   *
   * @param config the configuration
   * @param prefix the serde's registry prefix, {@code serializers.registry.<name>.}
   * @return the ids
   * @throws ConfigException if {@code schema.id} is absent or not a whole number of 0 or more, an
   *     entry of {@code schema.ids} is neither {@code <id>=<schema>} nor a directory, a directory
   *     holds an {@code .avsc} file not named {@code <id>.avsc} or none at all, a schema cannot be
   *     read, or one id is given two different schemas
   */
  static AvroSchemaIds read(Config config, String prefix) {
    String idKey = prefix + ID;
    String idsKey = prefix + IDS;
    if (config.get(idKey).filter(v -> !v.isBlank()).isEmpty()) {
      throw config.problem(idKey, "the " + AvroEncoding.CONFLUENT.configValue() + " encoding writes the reader"
          + " schema's id in front of every payload: set it to the id the producers' schema registry gave the"
          + " reader's schema");
    }
    int readerId = id(config, idKey, config.get(idKey).orElseThrow().trim());
    Map<Integer, Schema> byId = new TreeMap<>();
    for (String entry : config.getList(idsKey)) {
      Matcher m = ENTRY.matcher(entry);
      if (m.matches()) {
        put(config, idsKey, byId, id(config, idsKey, m.group(1)), AvroSchemas.load(config, idsKey, m.group(2).trim()));
      } else if (Files.isDirectory(Path.of(entry))) {
        readDirectory(config, idsKey, Path.of(entry), byId);
      } else {
        throw config.problem(idsKey, "entry '" + entry + "' is neither <id>=<schema file or classpath: resource>"
            + " nor a directory of <id>" + AvroSchemas.SCHEMA_FILE_SUFFIX + " files");
      }
    }
    return new AvroSchemaIds(readerId, byId);
  }

  /**
   * Rejects the id keys for an encoding that does not use them.
   *
   * @param config the configuration
   * @param prefix the serde's registry prefix
   * @param encoding the serde's encoding, not confluent
   * @throws ConfigException if {@code schema.id} or {@code schema.ids} is set
   */
  static void rejectIds(Config config, String prefix, AvroEncoding encoding) {
    for (String key : List.of(prefix + ID, prefix + IDS)) {
      if (config.get(key).filter(v -> !v.isBlank()).isPresent()) {
        throw config.problem(key, "schema ids are used only by " + prefix + "encoding="
            + AvroEncoding.CONFLUENT.configValue() + ", not by the " + encoding.configValue() + " encoding");
      }
    }
  }

  private static void readDirectory(Config config, String key, Path dir, Map<Integer, Schema> byId) {
    List<Path> files = AvroSchemas.schemaFiles(config, key, dir);
    if (files.isEmpty()) {
      throw config.problem(key, "directory '" + dir.toAbsolutePath() + "' holds no <id>"
          + AvroSchemas.SCHEMA_FILE_SUFFIX + " file");
    }
    for (Path file : files) {
      Matcher m = FILE.matcher(file.getFileName().toString());
      if (!m.matches()) {
        throw config.problem(key, "file '" + file.toAbsolutePath() + "' is not named <id>"
            + AvroSchemas.SCHEMA_FILE_SUFFIX + " (for example 7" + AvroSchemas.SCHEMA_FILE_SUFFIX
            + "); the name gives the schema's id");
      }
      put(config, key, byId, id(config, key, m.group(1)), AvroSchemas.load(config, key, file.toString()));
    }
  }

  private static void put(Config config, String key, Map<Integer, Schema> byId, int id, Schema schema) {
    Schema before = byId.putIfAbsent(id, schema);
    if (before != null && SchemaNormalization.parsingFingerprint64(before)
        != SchemaNormalization.parsingFingerprint64(schema)) {
      throw config.problem(key, "schema id " + id + " is given two different schemas (" + before.getFullName()
          + " and " + schema.getFullName() + ")");
    }
  }

  private static int id(Config config, String key, String text) {
    try {
      int id = Integer.parseInt(text);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw config.problem(key, "schema id '" + text + "' is not a whole number from 0 to " + Integer.MAX_VALUE);
  }
}
