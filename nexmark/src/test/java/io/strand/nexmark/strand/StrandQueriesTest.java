package io.strand.nexmark.strand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strand.nexmark.engine.QuickCheck;
import io.strand.nexmark.model.Event;
import io.strand.nexmark.query.Query;
import io.strand.testkit.junit.RealKafka;
import io.strand.testkit.kafka.KafkaCluster;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query on Strand's streams API, run by the real container on a real broker over the quick
 * generation, equals the model answer.
 */
@RealKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrandQueriesTest {

  private List<Event> events;
  private String bootstrap;

  @TempDir
  Path work;

  @BeforeAll
  void generate(KafkaCluster kafka) throws InterruptedException {
    bootstrap = kafka.bootstrapServers();
    events = QuickCheck.generate(bootstrap, QuickCheck.QUICK);
  }

  @ParameterizedTest
  @EnumSource(Query.class)
  void equalsTheModelAnswer(Query query) throws Exception {
    QuickCheck.Outcome outcome = QuickCheck.check(bootstrap, new StrandEngine(), query, QuickCheck.QUICK, events, work);
    assertTrue(outcome.results().size() > 0, query + " wrote results");
    assertEquals(List.of(), outcome.differences(), query + ": first differences from the model answer");
  }
}
