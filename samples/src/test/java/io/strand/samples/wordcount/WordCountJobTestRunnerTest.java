package io.strand.samples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.container.runner.JobStatus;
import io.strand.samples.flights.JobProperties;
import io.strand.testkit.job.JobTestResult;
import io.strand.testkit.job.JobTestRunner;
import io.strand.testkit.job.TestRecord;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The word count sample as a job author tests it: its own properties file, a few input lines,
 * {@link JobTestRunner}, and the store read back from its changelog.
 */
@RealKafka
class WordCountJobTestRunnerTest {

  @Test
  void theStoreHoldsTheCountOfEveryWord(KafkaCluster kafka) {
    String input = kafka.uniqueTopic("lines");
    List<TestRecord> lines = new ArrayList<>();
    Map<Object, Object> expected = new TreeMap<>();
    String[] text = {"The quick brown fox", "jumps over the lazy dog", "THE END", "fox and dog"};
    for (int i = 0; i < 60; i++) {
      String line = text[i % text.length];
      // One partition, so each word is counted by one task and the changelog holds its total.
      lines.add(TestRecord.at(0, null, line));
      for (String word : line.split(" ")) {
        expected.merge(word.toLowerCase(Locale.ROOT), 1L, (a, b) -> (Long) a + (Long) b);
      }
    }

    Map<String, String> config = new TreeMap<>(JobProperties.fromClasspath("word-count.properties").asMap());
    config.remove("systems.kafka.producer.bootstrap.servers");
    config.remove("job.name");
    config.remove("task.inputs");
    config.remove("stores.word-counts.changelog");
    JobTestResult result = JobTestRunner.forTask(WordCountTask.class, kafka)
        .config(config)
        .config("systems.kafka.streams." + input + ".samza.msg.serde", "string")
        .config("wordcount.output", "kafka." + kafka.uniqueTopic("word-counts"))
        .config("stores.word-counts.changelog", "kafka")
        .input(input, 1, lines)
        .runToEnd(Duration.ofSeconds(90));

    assertEquals(JobStatus.State.SUCCEEDED, result.status().state(), result.status()::toString);
    assertEquals(expected, new TreeMap<>(result.store("word-counts")));
  }
}
