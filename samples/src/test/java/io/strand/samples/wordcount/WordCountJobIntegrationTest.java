package io.strand.samples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import io.strand.container.runner.JobStatus;
import io.strand.container.runner.StreamJob;
import io.strand.container.runner.ThreadJobFactory;
import io.strand.samples.flights.DataFiles;
import io.strand.samples.flights.JobProperties;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Word count over real text (every line of airports.csv) through the real container, broker and
 * RocksDB store with changelog; expected counts computed here with a regular expression.
 */
@RealKafka
class WordCountJobIntegrationTest {

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{Nd}]+(?:'[\\p{L}\\p{Nd}]+)*");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path stateDir;

  @Test
  void finalCountsSummedOverTasksEqualTheCountsOfTheText(KafkaCluster kafka) throws Exception {
    List<String> lines = Files.readAllLines(DataFiles.require(DataFiles.defaultDir(), DataFiles.AIRPORTS_FILE),
        StandardCharsets.UTF_8);
    Map<String, Long> expected = new TreeMap<>();
    for (String line : lines) {
      Matcher m = WORD.matcher(line);
      while (m.find()) {
        expected.merge(m.group().toLowerCase(Locale.ROOT), 1L, Long::sum);
      }
    }

    String input = kafka.uniqueTopic("lines");
    String output = kafka.uniqueTopic("word-counts");
    String job = kafka.uniqueTopic("word-count");
    kafka.client().createTopic(input, 4);
    kafka.client().createTopic(output, 4);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      records.add(new ProducerRecord<>(input, i % 4, null, lines.get(i)));
    }
    kafka.client().produce(records);

    Map<String, String> overrides = new HashMap<>(JobProperties.localBoundedRun(kafka.bootstrapServers(), stateDir, input));
    overrides.put("job.name", job);
    overrides.put("task.inputs", "kafka." + input);
    overrides.put("systems.kafka.streams." + input + ".samza.msg.serde", "string");
    overrides.put(WordCountTask.OUTPUT, "kafka." + output);
    overrides.put("stores.word-counts.changelog", "kafka." + job + "-counts-changelog");
    Config config = JobProperties.fromClasspath("word-count.properties").withOverrides(overrides);

    StreamJob streamJob = new ThreadJobFactory().getJob(config);
    streamJob.submit();
    assertEquals(JobStatus.SUCCEEDED, streamJob.waitForFinish(120_000));

    Map<String, Long> finals = new TreeMap<>();
    for (ConsumerRecord<String, String> r : kafka.client().readAll(output)) {
      WordCount c = JSON.readValue(r.value(), WordCount.class);
      assertEquals(c.word(), r.key());
      if (c.finalRecord()) {
        finals.merge(c.word(), c.count(), Long::sum); // a word may occur in several tasks' lines
      }
    }
    assertEquals(expected, finals);
  }
}
