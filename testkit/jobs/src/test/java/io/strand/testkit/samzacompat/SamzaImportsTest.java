package io.strand.testkit.samzacompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The samza-compat job's Strand imports are exactly Samza's under the package rewrite: each
 * {@code import io.strand.X}, rewritten back to {@code org.apache.samza.X}, is a type of Samza
 * 1.x's public API at that very name, and {@code io.strand.X} is a class Strand has. A type Strand
 * kept at another package than Samza's (as {@code TaskName} and {@code Partition} once were) would
 * show here as a name Samza does not have.
 */
class SamzaImportsTest {

  /** The job's sources, from the module directory Maven runs tests in. */
  private static final Path SOURCES = Path.of("src/test/java/io/strand/testkit/samzacompat");

  /**
   * The Samza 1.x types a low-level job and its {@code TaskApplication} import, at their Samza
   * names (samza-api and samza-kafka; nested types with a dot, as imported).
   */
  private static final Set<String> SAMZA_TYPES = Set.of(
      "org.apache.samza.Partition",
      "org.apache.samza.application.TaskApplication",
      "org.apache.samza.application.descriptors.TaskApplicationDescriptor",
      "org.apache.samza.config.Config",
      "org.apache.samza.container.TaskName",
      "org.apache.samza.context.Context",
      "org.apache.samza.job.model.TaskModel",
      "org.apache.samza.metrics.Counter",
      "org.apache.samza.serializers.StringSerde",
      "org.apache.samza.storage.kv.KeyValueStore",
      "org.apache.samza.system.IncomingMessageEnvelope",
      "org.apache.samza.system.OutgoingMessageEnvelope",
      "org.apache.samza.system.SystemStream",
      "org.apache.samza.system.SystemStreamMetadata.OffsetType",
      "org.apache.samza.system.kafka.descriptors.KafkaInputDescriptor",
      "org.apache.samza.system.kafka.descriptors.KafkaOutputDescriptor",
      "org.apache.samza.system.kafka.descriptors.KafkaSystemDescriptor",
      "org.apache.samza.task.ClosableTask",
      "org.apache.samza.task.InitableTask",
      "org.apache.samza.task.MessageCollector",
      "org.apache.samza.task.StreamTask",
      "org.apache.samza.task.StreamTaskFactory",
      "org.apache.samza.task.TaskCoordinator",
      "org.apache.samza.task.WindowableTask");

  private static final Pattern STRAND_IMPORT = Pattern.compile("^import (io\\.strand\\.[\\w.]+);$", Pattern.MULTILINE);

  @Test
  void everyStrandImportOfTheJobIsASamzaTypeUnderTheRewrite() throws IOException {
    Set<String> imports = new TreeSet<>();
    for (String file : List.of("WordCountTask.java", "WordCountApplication.java")) {
      Matcher m = STRAND_IMPORT.matcher(Files.readString(SOURCES.resolve(file)));
      while (m.find()) {
        imports.add(m.group(1));
      }
    }
    assertTrue(imports.containsAll(List.of("io.strand.container.TaskName", "io.strand.Partition",
        "io.strand.job.model.TaskModel")), "the job uses TaskName, Partition and TaskModel: " + imports);
    Set<String> notSamza = new TreeSet<>();
    for (String name : imports) {
      if (!SAMZA_TYPES.contains("org.apache.samza." + name.substring("io.strand.".length()))) {
        notSamza.add(name);
      }
      assertTrue(loads(name), name + " is imported but Strand has no such class");
    }
    assertEquals(Set.of(), notSamza, "imports whose Samza name (org.apache.samza.<same>) is not Samza's type");
  }

  @Test
  void theJobsSourcesNameNoStrandPackageOutsideTheirImports() throws IOException {
    try (Stream<String> lines = Stream.of("WordCountTask.java", "WordCountApplication.java").flatMap(f -> {
      try {
        return Files.readAllLines(SOURCES.resolve(f)).stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      List<String> qualified = lines.filter(l -> !l.startsWith("import ") && !l.startsWith("package ")
          && !l.trim().startsWith("*") && l.contains("io.strand.")).toList();
      assertEquals(List.of(), qualified, "code that names io.strand. outside an import would not port by the rewrite");
    }
  }

  // A nested type is imported with a dot (io.strand.system.SystemStreamMetadata.OffsetType): try it as one.
  private static boolean loads(String name) {
    int dot = name.lastIndexOf('.');
    for (String binary : List.of(name, name.substring(0, dot) + "$" + name.substring(dot + 1))) {
      try {
        Class.forName(binary, false, SamzaImportsTest.class.getClassLoader());
        return true;
      } catch (ClassNotFoundException e) {
        // try the next form
      }
    }
    return false;
  }
}
