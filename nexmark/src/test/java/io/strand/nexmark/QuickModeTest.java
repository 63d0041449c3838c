package io.strand.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.engine.QuickCheck;
import io.strand.nexmark.generator.GeneratorConfig;
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
 *
 * <p>Runs on half of {@code bin/nexmark}'s quick generation ({@link #GENERATION}: 10 000 events 4 ms
 * apart instead of 20 000 2 ms apart: the same 40 s of event time and 4 tumbling windows, auctions
 * open for as many events): every query on both engines, the results still compared in full; fewer
 * events keep the 18 runs short in CI.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickModeTest {

  /** {@link QuickCheck#QUICK}'s start and seed, 10 000 events 4 ms apart (its 40 s of event time). */
  static final GeneratorConfig GENERATION = new GeneratorConfig(QuickCheck.QUICK.events() / 2, QuickCheck.QUICK.seed(),
      QuickCheck.QUICK.baseTimeMs(), QuickCheck.QUICK.interEventDelayUs() * 2, 0);

  private List<Event> events;
  private String bootstrap;

  @TempDir
  Path work;

  @BeforeAll
  void generate(KafkaCluster kafka) throws InterruptedException {
    bootstrap = kafka.bootstrapServers();
    events = QuickCheck.generate(bootstrap, GENERATION);
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
    QuickCheck.Outcome outcome = QuickCheck.check(bootstrap, engine, query, GENERATION, events, work);
    assertTrue(outcome.results().size() > 0, query + " on " + engineName + " wrote results");
    assertEquals(List.of(), outcome.differences(), query + " on " + engineName + ": first differences from the model answer");
  }
}
