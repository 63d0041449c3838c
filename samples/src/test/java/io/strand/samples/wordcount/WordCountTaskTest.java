package io.strand.samples.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.samples.flights.JobProperties;
import io.strand.samples.support.FakeTaskRun;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordCountTaskTest {

  @Test
  void countsWordsSendsChangedCountsOnWindowAndEveryCountAtTheEnd() {
    FakeTaskRun run = new FakeTaskRun(JobProperties.fromClasspath("word-count.properties"));
    WordCountTask task = new WordCountTask();
    task.init(run);

    task.process(run.envelope("lines", null, "the cat and the hat".getBytes(StandardCharsets.UTF_8)), run, run);
    task.window(run, run);
    task.process(run.envelope("lines", null, "The end".getBytes(StandardCharsets.UTF_8)), run, run);
    task.window(run, run);
    task.onEndOfStream(run, run);

    List<WordCount> sent = run.sentTo("word-counts").stream().map(e -> (WordCount) e.getMessage()).toList();
    assertEquals(List.of(new WordCount("and", 1, false), new WordCount("cat", 1, false), new WordCount("hat", 1, false),
        new WordCount("the", 2, false)), sent.subList(0, 4).stream().sorted(
            java.util.Comparator.comparing(WordCount::word)).toList());
    assertEquals(List.of(new WordCount("end", 1, false), new WordCount("the", 3, false)),
        sent.subList(4, 6).stream().sorted(java.util.Comparator.comparing(WordCount::word)).toList());
    assertEquals(List.of(new WordCount("and", 1, true), new WordCount("cat", 1, true), new WordCount("end", 1, true),
        new WordCount("hat", 1, true), new WordCount("the", 3, true)), sent.subList(6, sent.size()));
    assertTrue(run.shutdownRequested);
  }
}
