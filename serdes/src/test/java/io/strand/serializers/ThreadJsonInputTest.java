package io.strand.serializers;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordJsonReader} keeps one parser per reading thread ({@link ThreadJsonInput}) and feeds it
 * payload after payload: every payload must still read exactly as databind reads it alone, whatever
 * came before it on the same parser (malformed, cut short, trailing content, other encodings, long
 * values), from several threads at once, and across the parser's renewal.
 */
public class ThreadJsonInputTest {

  /** A flat record of every supported component type. */
  public record Row(long id, int count, boolean open, String name) {
  }

  /** Reads another payload through the same serde while being constructed (a re-entrant read). */
  public record Nesting(long id, String inner) {
    static JsonSerde<Nesting> serde;

    public Nesting {
      if (id > 0 && serde != null) {
        Nesting back = serde.fromBytes(("{\"id\":0,\"inner\":\"" + inner + "\"}").getBytes(UTF_8));
        if (!back.inner().equals(inner)) {
          throw new IllegalStateException("the re-entrant read gave " + back);
        }
      }
    }
  }

  /** JsonSerde's default mapper, rebuilt here; a caller's mapper always reads through databind. */
  private static final ObjectMapper ORACLE = new ObjectMapper().findAndRegisterModules()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private static final String LONG = "x".repeat(20_000); // longer than the parser's 8,000-byte input buffer

  /** Payloads of every kind, each as bytes. */
  private static List<byte[]> payloads() {
    List<byte[]> p = new ArrayList<>();
    for (String s : List.of(
        "{\"id\":7,\"count\":3,\"open\":true,\"name\":\"a\"}",
        "{\"name\":\"b\",\"open\":false,\"id\":-9223372036854775808,\"count\":-2147483648}",
        "{ \"id\" : 1 , \"count\" : 0 , \"open\" : false , \"name\" : \"\\u00e9\\n\" }",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"}\n",                // trailing whitespace
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"} \r\n\t ",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"} {}",              // trailing content
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"}{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"}",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"} 1",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"} \"",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"",                  // cut short
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a",
        "{\"id\":1,\"count\":2,\"open\":true,\"na",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\"}}",                // malformed
        "{\"id\":1,,\"count\":2,\"open\":true,\"name\":\"a\"}",
        "{\"id\":1,\"count\":2,\"open\":true}",                                // missing
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"a\",\"other\":{\"x\":[1]}}", // unknown
        "{\"id\":1,\"id\":2,\"count\":2,\"open\":true,\"name\":\"a\"}",        // duplicate
        "{\"id\":1.5,\"count\":2,\"open\":true,\"name\":\"a\"}",               // float for a long
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":[\"a\"]}",               // array for a string
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"" + LONG + "\"}",     // longer than a buffer
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"" + LONG + "\"}  ",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"" + LONG + "\"} x",
        "{\"id\":1,\"count\":2,\"open\":true,\"name\":\"" + LONG,
        "{}",
        "{",
        "[1,2,true,\"a\"]",
        "null",
        "")) {
      p.add(s.getBytes(UTF_8));
    }
    String plain = "{\"id\":5,\"count\":6,\"open\":true,\"name\":\"u\"}";
    p.add(plain.getBytes(UTF_16BE));
    p.add(plain.getBytes(UTF_16LE));
    byte[] utf8 = plain.getBytes(UTF_8);
    byte[] bom = new byte[utf8.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(utf8, 0, bom, 3, utf8.length);
    p.add(bom);
    p.add(new byte[] {'{', '"', 0, 0});
    p.add(new byte[] {'{', '}', 0, 0});
    return p;
  }

  /** What databind alone makes of a payload: the record, or the error's message. */
  private static Object expected(JsonSerde<Row> oracle, byte[] bytes) {
    try {
      return oracle.fromBytes(bytes);
    } catch (SerdeException e) {
      return e.getMessage();
    }
  }

  private static Object actual(JsonSerde<Row> serde, byte[] bytes) {
    try {
      return serde.fromBytes(bytes);
    } catch (SerdeException e) {
      return e.getMessage();
    }
  }

  @Test
  void everyPayloadReadsAsAloneWhateverCameBeforeItOnTheSameParser() {
    JsonSerde<Row> serde = new JsonSerde<>("row", Row.class);
    JsonSerde<Row> oracle = new JsonSerde<>("row", ORACLE, ORACLE.constructType(Row.class));
    List<byte[]> all = payloads();
    // Every ordered pair, each followed by a plain payload: what one leaves on the parser must not
    // change how the next reads.
    byte[] plain = all.get(0);
    for (byte[] first : all) {
      for (byte[] second : all) {
        for (byte[] b : List.of(first, second, plain)) {
          assertEquals(expected(oracle, b), actual(serde, b), () -> new String(first, UTF_8) + " then " + new String(second, UTF_8));
        }
      }
    }
    // And a long random sequence of them.
    Random random = new Random(20);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = all.get(random.nextInt(all.size()));
      assertEquals(expected(oracle, b), actual(serde, b), () -> new String(b, UTF_8));
    }
  }

  @Test
  void thePlainCaseIsReadOffTheKeptParserAndTheRestIsLeftToDatabind() throws Exception {
    RecordJsonReader<Row> reader = RecordJsonReader.of(Row.class, new ObjectMapper().getFactory());
    assertNotNull(reader);
    for (int i = 0; i < 3; i++) {
      assertEquals(new Row(7, 3, true, "a"), reader.read(payloads().get(0)));
      assertEquals(new Row(1, 2, true, "a"), reader.read(payloads().get(3))); // trailing whitespace
      assertNull(reader.read(payloads().get(5)));                             // trailing content
      assertNull(reader.read(payloads().get(9)));                             // cut short
      assertEquals(new Row(1, 2, true, LONG), reader.read(payloads().get(20)));
      assertNull(reader.read(payloads().get(21)));
    }
  }

  @Test
  void onlyUtf8ObjectsAreFedToTheKeptParser() {
    assertTrue(ThreadJsonInput.utf8Certain("{\"a\":1}".getBytes(UTF_8)));
    assertTrue(ThreadJsonInput.utf8Certain("{ }\n".getBytes(UTF_8)));
    assertFalse(ThreadJsonInput.utf8Certain("{}".getBytes(UTF_8)));                  // too short to tell
    assertFalse(ThreadJsonInput.utf8Certain("[1, 2]".getBytes(UTF_8)));
    assertFalse(ThreadJsonInput.utf8Certain("{\"a\":1}".getBytes(UTF_16LE)));
    assertFalse(ThreadJsonInput.utf8Certain("{\"a\":1}".getBytes(UTF_16BE)));
    assertFalse(ThreadJsonInput.utf8Certain(new byte[] {'{', '"', 'a', 0}));
  }

  @Test
  void theParserIsRenewedAndReadsOnAcrossIt() {
    JsonSerde<Row> serde = new JsonSerde<>("row", Row.class);
    String big = "y".repeat(1 << 20);
    byte[] bytes = ("{\"id\":1,\"count\":2,\"open\":true,\"name\":\"" + big + "\"}").getBytes(UTF_8);
    long reads = ThreadJsonInput.RENEW_AFTER_BYTES / bytes.length * 2 + 3; // two renewals
    for (long i = 0; i < reads; i++) {
      Row r = serde.fromBytes(bytes);
      assertEquals(1, r.id());
      assertEquals(big.length(), r.name().length());
    }
    assertEquals(new Row(7, 3, true, "a"), serde.fromBytes(payloads().get(0)));
  }

  @Test
  void limitsThatCountOverAParsersLifeKeepAParserPerRead() {
    JsonFactory limited = new JsonFactory();
    limited.setStreamReadConstraints(StreamReadConstraints.builder().maxDocumentLength(1_000).build());
    assertNull(ThreadJsonInput.factoryFor(limited));
    RecordJsonReader<Row> reader = RecordJsonReader.of(Row.class, limited);
    assertNotNull(reader);
    byte[] plain = payloads().get(0);
    for (int i = 0; i < 200; i++) { // 200 payloads of 40 bytes: more than 1,000 on one parser
      try {
        assertEquals(new Row(7, 3, true, "a"), reader.read(plain));
      } catch (java.io.IOException e) {
        throw new AssertionError("read " + i, e);
      }
    }
    assertNotNull(ThreadJsonInput.factoryFor(new JsonFactory()));
  }

  @Test
  void aReadWhileAReadIsUnderWayTakesAParserOfItsOwn() {
    JsonSerde<Nesting> serde = new JsonSerde<>("nesting", Nesting.class);
    Nesting.serde = serde;
    try {
      for (int i = 1; i < 100; i++) {
        Nesting n = serde.fromBytes(("{\"id\":" + i + ",\"inner\":\"v" + i + "\"}").getBytes(UTF_8));
        assertEquals(new Nesting(0, "v" + i).inner(), n.inner());
        assertEquals(i, n.id());
      }
    } finally {
      Nesting.serde = null;
    }
  }

  @Test
  void threadsReadingAtOnceEachGetTheirOwnValues() throws Exception {
    JsonSerde<Row> serde = new JsonSerde<>("row", Row.class);
    serde.fromBytes(payloads().get(0)); // this thread owns the kept parser; the pool's threads share the serde
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < 5; t++) {
        int offset = t * 100_000;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            int n = offset + i;
            String name = "n" + n + (n % 7 == 0 ? " " + "z".repeat(n % 9_000) : "");
            Row r = new Row(n, -n, n % 2 == 0, name);
            assertEquals(r, serde.fromBytes(ORACLE.writeValueAsBytes(r)));
            if (n % 11 == 0) {
              assertThrows(SerdeException.class, () -> serde.fromBytes("{\"id\":1,\"count\":2".getBytes(UTF_8)));
            }
          }
          return 5_000;
        }));
      }
      for (int i = 0; i < 5_000; i++) { // the owner reads on its kept parser meanwhile
        Row r = new Row(i, i, false, "owner " + i);
        assertEquals(r, serde.fromBytes(ORACLE.writeValueAsBytes(r)));
      }
      for (Future<Integer> f : done) {
        assertEquals(5_000, f.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aThreadTakesTheParserOverOnceItsOwnerHasEnded() throws Exception {
    JsonSerde<Row> serde = new JsonSerde<>("row", Row.class);
    Thread first = new Thread(() -> serde.fromBytes(payloads().get(0)), "first-reader");
    first.start();
    first.join(30_000);
    for (int i = 0; i < 100; i++) {
      Row r = new Row(i, i, true, "t" + i);
      assertEquals(r, serde.fromBytes(ORACLE.writeValueAsBytes(r)));
    }
  }
}
