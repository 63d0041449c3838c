package io.strand.serializers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strand.config.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonSerde#toBytes} keeps one generator per writing thread ({@link ThreadJsonOutput}): every
 * write must still give exactly the bytes a fresh {@code writeValueAsBytes} gives, one value per
 * array, after failures and from several threads at once.
 */
public class JsonSerdeReuseTest {

  /** A typed target; public so Jackson can bind it. */
  public record Hour(String airport, String hour, long flights, double meanDelay, List<String> notes) {
  }

  /** Cannot be written: its getter throws. */
  public static final class Broken {
    public String getValue() {
      throw new IllegalStateException("no value");
    }
  }

  private static final ObjectMapper PLAIN = new ObjectMapper().findAndRegisterModules();

  private static Hour hour(int i) {
    List<String> notes = new ArrayList<>();
    for (int n = 0; n < i % 5; n++) {
      notes.add("note \"" + n + "\" é " + "x".repeat(i % 700)); // escapes, non-ASCII, and some longer than a buffer
    }
    return new Hour("A" + i, "2001-01-01 " + (i % 24), i, i / 7.0, notes);
  }

  @Test
  void consecutiveWritesGiveEachValueAloneWithTheBytesOfAFreshWrite() throws Exception {
    Serde<Object> serde = new JsonSerdeFactory().getSerde("hours", Config.of(Map.of(
        "serializers.registry.hours.type", Hour.class.getName())));
    for (int i = 0; i < 500; i++) {
      Hour h = hour(i);
      byte[] bytes = serde.toBytes(h);
      assertArrayEquals(PLAIN.writeValueAsBytes(h), bytes, "write " + i);
      assertEquals(h, serde.fromBytes(bytes));
    }
  }

  @Test
  void anUntypedSerdeWritesMapsAndRecordsAlternatelyAsAFreshWriteWould() throws Exception {
    Serde<Object> serde = new JsonSerdeFactory().getSerde("json", Config.of(Map.of()));
    for (int i = 0; i < 200; i++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("i", i);
      m.put("s", "v" + i);
      Object value = i % 2 == 0 ? m : hour(i);
      assertArrayEquals(PLAIN.writeValueAsBytes(value), serde.toBytes(value), "write " + i);
    }
  }

  @Test
  void aFailedWriteLeavesNothingBehindForTheNext() throws Exception {
    Serde<Object> serde = new JsonSerdeFactory().getSerde("json", Config.of(Map.of()));
    byte[] before = serde.toBytes(hour(3));
    Map<String, Object> half = new LinkedHashMap<>();
    half.put("first", "written before the failure");
    half.put("broken", new Broken());
    SerdeException e = assertThrows(SerdeException.class, () -> serde.toBytes(half));
    assertEquals(SerdeException.NO_PAYLOAD, e.payloadLength());
    assertArrayEquals(before, serde.toBytes(hour(3)));
    assertEquals("{\"k\":1}", new String(serde.toBytes(Map.of("k", 1)), UTF_8));
  }

  @Test
  void threadsWritingAtOnceEachGetTheirOwnValues() throws Exception {
    Serde<Object> serde = new JsonSerdeFactory().getSerde("hours", Config.of(Map.of(
        "serializers.registry.hours.type", Hour.class.getName())));
    serde.toBytes(hour(1)); // this thread owns the reusable output; the pool's threads share the serde
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t * 10_000;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 1_000; i++) {
            Hour h = hour(offset + i);
            assertArrayEquals(PLAIN.writeValueAsBytes(h), serde.toBytes(h));
          }
          return 1_000;
        }));
      }
      for (int i = 0; i < 1_000; i++) {
        Hour h = hour(50_000 + i);
        assertArrayEquals(PLAIN.writeValueAsBytes(h), serde.toBytes(h));
      }
      for (Future<Integer> f : done) {
        assertEquals(1_000, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThreadTakesTheOutputOverOnceItsOwnerHasEnded() throws Exception {
    Serde<Object> serde = new JsonSerdeFactory().getSerde("hours", Config.of(Map.of(
        "serializers.registry.hours.type", Hour.class.getName())));
    Thread first = new Thread(() -> serde.toBytes(hour(2)), "first-writer");
    first.start();
    first.join(30_000);
    for (int i = 0; i < 100; i++) {
      assertArrayEquals(PLAIN.writeValueAsBytes(hour(i)), serde.toBytes(hour(i)));
    }
  }
}
