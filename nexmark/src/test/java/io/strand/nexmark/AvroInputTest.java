package io.strand.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.NexmarkEngine;
import io.strand.nexmark.engine.QuickCheck;
import io.strand.nexmark.generator.GeneratorConfig;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.model.EventFormat;
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
 * The generator's {@code --format avro} read by every engine on this module's class path: the
 * inputs written as Avro, then Q3 (persons and auctions) and Q4 (auctions and bids), so every input
 * topic, each output compared with the model answer as {@link QuickModeTest} does. Flink's source
 * decodes with the same {@code EventFormat.decode} (nexmark-flink's {@code InputEventsTest}).
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AvroInputTest {

  /** 40 s of event time as the quick generation, 5 000 events 8 ms apart. */
  private static final GeneratorConfig GENERATION = new GeneratorConfig(5_000, QuickCheck.QUICK.seed(),
      QuickCheck.QUICK.baseTimeMs(), 8_000, 0);

  private List<Event> events;
  private String bootstrap;

  @TempDir
  Path work;

  @BeforeAll
  void generate(KafkaCluster kafka) throws InterruptedException {
    bootstrap = kafka.bootstrapServers();
    events = QuickCheck.generate(bootstrap, GENERATION, EventFormat.AVRO);
  }

  static Stream<Arguments> runs() {
    List<Arguments> runs = new ArrayList<>();
    for (NexmarkEngine engine : ServiceLoader.load(NexmarkEngine.class)) {
      for (Query q : List.of(Query.Q3, Query.Q4)) {
        runs.add(Arguments.of(engine.name(), q, engine));
      }
    }
    return runs.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("runs")
  void avroInputsGiveTheModelAnswer(String engineName, Query query, NexmarkEngine engine) throws Exception {
    QuickCheck.Outcome outcome = QuickCheck.check(bootstrap, engine, query, GENERATION, events, work);
    assertTrue(outcome.results().size() > 0, query + " on " + engineName + " wrote results");
    assertEquals(List.of(), outcome.differences(), query + " on " + engineName + ": first differences from the model answer");
  }
}
