package io.strand.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.engine.QuickCheck;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.query.Query;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/nexmark}'s quick mode as a test: the quick generation on a real broker, every query on
 * every engine on this module's class path (ServiceLoader: Strand, and Kafka Streams once its
 * engine is here), each in this JVM, each output equal to the model answer, so the engines agree
 * with each other. Never judges numbers. Flink runs on its own class path: its module checks its
 * engine with the same {@link QuickCheck}.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickModeTest {

  private List<Event> events;
  private String bootstrap;

  @TempDir
  Path work;

  @BeforeAll
  void generate(KafkaCluster kafka) throws InterruptedException {
    bootstrap = kafka.bootstrapServers();
    events = QuickCheck.generate(bootstrap, QuickCheck.QUICK);
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (NexmarkEngine engine : ServiceLoader.load(NexmarkEngine.class)) {
      for (Query q : Query.values()) {
        runs.add(Arguments.of(engine.name(), q, engine));
      }
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runs")
  void equalsTheModelAnswer(String engineName, Query query, NexmarkEngine engine) throws Exception {
    QuickCheck.Outcome outcome = QuickCheck.check(bootstrap, engine, query, QuickCheck.QUICK, events, work);
    assertTrue(outcome.results().size() > 0, query + " on " + engineName + " wrote results");
    assertEquals(List.of(), outcome.differences(), query + " on " + engineName + ": first differences from the model answer");
  }
}
