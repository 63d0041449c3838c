package io.strand.serializers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One thread's JSON parser for {@link RecordJsonReader}, kept from one payload to the next: the
 * payloads a thread reads are fed to the same parser one after another, each as the next root
 * value of one input stream (as Jackson's own {@code MappingIterator} reads a sequence of root
 * values), instead of a parser made and closed per payload.
 *
 * <p>Why: in session 20's JFR profile of Nexmark q7 (JSON bids of about 200 bytes), making the
 * parser per payload ({@code JsonFactory.createParser}: the parser, its I/O context, text buffer,
 * read contexts, symbol table child and content reference) was 14 % of the task thread and a third
 * of its allocation, more than the parse of the bid's seven fields.
 *
 * <p>Only payloads whose first byte is <code>{</code> and whose next three are not zero are fed
 * here ({@link #utf8Certain}): Jackson's encoding detection reads exactly those as UTF-8 without a
 * BOM, so this parser (made with the detection off, UTF-8) sees the same tokens a parser of the
 * payload alone would. A payload counts as read only if the parser stopped at the end of its object
 * with nothing but JSON whitespace after it in the payload ({@link #endsHere}); one that runs short
 * ends the parser's input (end of input, an error).
 *
 * <p>Errors and anything the reader does not read: the parser's state is then unknown (inside an
 * object, or its input ended); the reader {@link #drop drops} it and the next payload gets a new
 * one. The parser is also replaced after {@value #RENEW_AFTER_BYTES} bytes, so its location
 * counters (which count columns in an {@code int}) never come near overflow. Not used when the
 * factory's {@link StreamReadConstraints} limit a document's length or token count: those count
 * over the parser's whole life, here all payloads.
 *
 * <p>Threading: used only by {@link #owner()}; {@link #busy} guards against a re-entrant read (a
 * record constructor reading through the same serde), which takes a parser of its own instead.
 */
final class ThreadJsonInput {
  /** Bytes fed to one parser before it is replaced by a new one. */
  static final long RENEW_AFTER_BYTES = 64L << 20;
  private static final OutputStream DISCARD = OutputStream.nullOutputStream();

  private final Thread owner;
  private final JsonFactory factory;
  private final Feed feed = new Feed();
  private JsonParser parser;
  private long fed;
  private boolean busy;
  /** The reader's slots for the record under way (see {@link RecordJsonReader}), reused between payloads. */
  final long[] primitives;
  /** The reader's reference slots; each holds the last payload's value until the next payload. */
  final Object[] references;

  private ThreadJsonInput(Thread owner, JsonFactory factory, int slots) {
    this.owner = owner;
    this.factory = factory;
    this.primitives = new long[slots];
    this.references = new Object[slots];
  }

  /**
   * The factory the kept parsers are made by: the mapper's own features and stream-read limits,
   * UTF-8 without detection (payloads are checked by {@link #utf8Certain} instead), a buffer
   * recycler per parser (so other Jackson users of the thread keep its pooled buffers).
   *
   * @param mapperFactory the mapper's factory
   * @return a copy, or null if its limits count over a parser's life (then parsers are made per payload)
   */
  static JsonFactory factoryFor(JsonFactory mapperFactory) {
    StreamReadConstraints limits = mapperFactory.streamReadConstraints();
    if (limits.hasMaxDocumentLength() || limits.hasMaxTokenCount()) {
      return null;
    }
    JsonFactory copy = mapperFactory.copy();
    copy.configure(JsonFactory.Feature.CHARSET_DETECTION, false);
    copy.setRecyclerPool(JsonRecyclerPools.nonRecyclingPool());
    return copy;
  }

  /**
   * @param owner the only thread that may use it
   * @param factory from {@link #factoryFor}, not null
   * @param slots the reader's component count
   * @return a new input, with no parser yet
   */
  static ThreadJsonInput of(Thread owner, JsonFactory factory, int slots) {
    return new ThreadJsonInput(owner, factory, slots);
  }

  /**
   * Whether Jackson's encoding detection reads this payload as UTF-8 without a byte order mark and
   * it may start an object: a <code>{</code> and then three bytes that are not zero (a zero among
   * the first four bytes is what makes it UTF-16 or UTF-32; <code>{</code> is no byte order mark).
   *
   * @param json a payload
   * @return true if it may be fed here
   */
  static boolean utf8Certain(byte[] json) {
    return json.length >= 4 && json[0] == '{' && json[1] != 0 && json[2] != 0 && json[3] != 0;
  }

  /** @return the thread it belongs to */
  Thread owner() {
    return owner;
  }

  /** @return true while a read is under way (a re-entrant call must not use it) */
  boolean busy() {
    return busy;
  }

  /** @param busy whether a read is under way */
  void busy(boolean busy) {
    this.busy = busy;
  }

  /**
   * Feeds the next payload: the parser's next token is its first.
   *
   * @param json a payload for which {@link #utf8Certain} holds
   * @return the parser, positioned before the payload
   * @throws IOException if Jackson cannot make a parser (it does not for an in-memory stream)
   */
  JsonParser begin(byte[] json) throws IOException {
    if (parser == null || fed > RENEW_AFTER_BYTES) {
      drop();
      parser = factory.createParser(feed);
      fed = 0;
    }
    feed.set(json);
    fed += json.length;
    return parser;
  }

  /**
   * After the parser returned the payload's closing {@code END_OBJECT}: whether only JSON whitespace
   * follows it in the payload. Either way the rest of the payload is consumed, so the parser is at
   * the start of the next root value.
   *
   * @param json the payload given to {@link #begin}
   * @return true if the payload ends with that object
   * @throws IOException never in practice (the parser's unread bytes go to a null stream)
   */
  boolean endsHere(byte[] json) throws IOException {
    int unread = parser.releaseBuffered(DISCARD);
    int end = feed.taken() - unread;
    feed.set(null);
    for (int i = end; i < json.length; i++) {
      byte b = json[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  /** Forgets the parser (after an error or a payload read only in part); the next payload gets a new one. */
  void drop() {
    JsonParser p = parser;
    parser = null;
    feed.set(null);
    if (p != null) {
      try {
        p.close();
      } catch (IOException e) {
        // an in-memory stream: nothing to release that could fail
      }
    }
  }

  /**
   * The parser's input: the current payload's bytes, then end of input until the next payload is
   * set. The parser asks for bytes only when it has used all it holds, so it reads a payload only
   * after the previous one has been consumed to its end.
   */
  private static final class Feed extends InputStream {
    private byte[] bytes;
    private int at;

    void set(byte[] payload) {
      bytes = payload;
      at = 0;
    }

    /** @return how many bytes of the current payload the parser has taken */
    int taken() {
      return at;
    }

    @Override
    public int read() {
      if (bytes == null || at >= bytes.length) {
        return -1;
      }
      return bytes[at++] & 0xFF;
    }

    @Override
    public int read(byte[] into, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (bytes == null || at >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - at);
      System.arraycopy(bytes, at, into, off, n);
      at += n;
      return n;
    }

    @Override
    public int available() {
      return bytes == null ? 0 : bytes.length - at;
    }
  }
}
