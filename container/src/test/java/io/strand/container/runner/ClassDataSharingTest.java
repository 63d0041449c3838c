package io.strand.container.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.config.Config;
import io.strand.container.testjobs.FilterMapTask;
import io.strand.container.testsupport.JarClassPath;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import io.strand.testkit.kafka.TestJobConfigs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class-data sharing for process-mode containers: when it applies, and, on a real broker, that
 * the first clean container exit leaves an archive the JVM accepts and the next run starts from
 * it and still does its work.
 */
@RealKafka
class ClassDataSharingTest {

  private static final long JOB_TIMEOUT_MS = 120_000;

  @TempDir
  Path tmp;

  @Test
  void aDirectoryOnTheClassPathTurnsSharingOff() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("classes"));
    Path jar = jar(tmp.resolve("a.jar"), null);
    assertTrue(ClassDataSharing.nonJarEntry(jar + File.pathSeparator + dir).orElseThrow().contains(dir.toString()));
    assertTrue(ClassDataSharing.forJob(config(Map.of()), jar + File.pathSeparator + dir, List.of()).isEmpty());
    assertTrue(ClassDataSharing.nonJarEntry(jar.toString()).isEmpty());
  }

  @Test
  void aDirectoryNamedInAManifestClassPathTurnsSharingOff() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("more classes"));
    Path booter = jar(tmp.resolve("booter.jar"), dir.toUri().toString());
    assertTrue(ClassDataSharing.nonJarEntry(booter.toString()).orElseThrow().contains(dir.toString()));
    Path other = jar(tmp.resolve("other.jar"), null);
    assertTrue(ClassDataSharing.nonJarEntry(jar(tmp.resolve("booter2.jar"), "other.jar").toString()).isEmpty(),
        "a relative manifest entry naming a jar (" + other + ") is fine");
  }

  @Test
  void taskOptsWithTheirOwnSharingSettingOrTheSwitchTurnSharingOff() throws IOException {
    String cp = jar(tmp.resolve("a.jar"), null).toString();
    assertTrue(ClassDataSharing.forJob(config(Map.of()), cp, List.of("-Xmx1g", "-Xshare:off")).isEmpty());
    assertTrue(ClassDataSharing.forJob(config(Map.of(ClassDataSharing.ENABLED, "false")), cp, List.of()).isEmpty());
    ClassDataSharing on = ClassDataSharing.forJob(config(Map.of(ClassDataSharing.DIR, tmp.toString())), cp,
        List.of("-Xmx1g")).orElseThrow();
    List<String> first = on.optionsFor("0");
    assertEquals(1, first.size());
    assertTrue(first.get(0).startsWith("-XX:ArchiveClassesAtExit="), first::toString);
    assertEquals(List.of(), on.optionsFor("1"), "one container at a time dumps the archive");
  }

  @Test
  void theFirstCleanExitWritesAnArchiveThatTheNextContainerJvmStartsFrom(KafkaCluster kafka) throws Exception {
    String classPath = JarClassPath.of(tmp.resolve("jars"));
    Path cdsDir = tmp.resolve("cds");
    String input = kafka.uniqueTopic("cds-in");
    String output = kafka.uniqueTopic("cds-out");
    kafka.client().createTopic(input, 1);
    kafka.client().createTopic(output, 1);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(new ProducerRecord<>(input, 0, null, String.valueOf(i)));
    }
    kafka.client().produce(records);

    Config firstConfig = jobConfig(kafka, "cds-a", input, output, cdsDir);
    ProcessJob first = new ProcessJobFactory().newJob(firstConfig, classPath);
    Path archive = ClassDataSharing.forJob(firstConfig, classPath, List.of()).orElseThrow().archive();
    first.submit();
    assertEquals(JobStatus.SUCCEEDED, first.waitForFinish(JOB_TIMEOUT_MS), () -> logs(tmp.resolve("work-cds-a")));
    assertTrue(Files.isRegularFile(archive), "archive written after the clean exit: " + archive);
    try (Stream<Path> files = Files.list(cdsDir)) {
      assertEquals(List.of(archive), files.toList(), "no temporary file left behind");
    }

    // -Xshare:on makes the JVM fail rather than fall back, so this proves the archive maps.
    Process check = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", classPath, "-version")
        .redirectErrorStream(true).start();
    String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(check.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, check.exitValue(), out);

    // A second job (its own name, so it reads the input from the start) starts from the archive.
    ProcessJob second = new ProcessJobFactory().newJob(jobConfig(kafka, "cds-b", input, output, cdsDir), classPath);
    second.submit();
    assertEquals(JobStatus.SUCCEEDED, second.waitForFinish(JOB_TIMEOUT_MS), () -> logs(tmp.resolve("work-cds-b")));
    List<String> values = kafka.client().readAll(output).stream().map(ConsumerRecord::value).sorted().toList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      if (i % 3 != 0) {
        expected.add(String.valueOf(2 * i));
        expected.add(String.valueOf(2 * i));
      }
    }
    assertEquals(expected.stream().sorted().toList(), values, "both runs did their work");
    assertFalse(logs(tmp.resolve("work-cds-b")).contains("[cds]"), "the second container JVM had no CDS warning");
  }

  private Config jobConfig(KafkaCluster kafka, String name, String input, String output, Path cdsDir) {
    Map<String, String> m = new TreeMap<>();
    m.put("job.name", kafka.uniqueTopic(name));
    m.put("job.factory.class", ProcessJobFactory.class.getName());
    m.put("task.class", FilterMapTask.class.getName());
    m.put("task.inputs", "kafka." + input);
    m.put("task.commit.ms", "500");
    TestJobConfigs.putStringKafkaSystem(m, kafka.bootstrapServers());
    TestJobConfigs.putBoundedInput(m, input);
    m.put("test.output", "kafka." + output);
    m.put(ProcessJobFactory.WORK_DIR, tmp.resolve("work-" + name).toString());
    m.put(ClassDataSharing.DIR, cdsDir.toString());
    m.put("task.opts", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    return Config.of(m);
  }

  private static Config config(Map<String, String> m) {
    return Config.of(m);
  }

  private static Path jar(Path file, String classPath) throws IOException {
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(file), manifest(classPath))) {
      out.flush();
    }
    return file;
  }

  private static Manifest manifest(String classPath) {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    }
    return m;
  }

  private static String logs(Path workDir) {
    try (Stream<Path> files = Files.list(workDir)) {
      StringBuilder sb = new StringBuilder();
      for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
        sb.append(Files.readString(f));
      }
      return sb.toString();
    } catch (IOException e) {
      return "(no logs: " + e + ")";
    }
  }
}
