package io.strand.serializers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;

/**
 * One thread's JSON generator and output buffer, kept from one {@link JsonSerde#toBytes} to the next.
 *
 * <p>Why: {@link ObjectWriter#writeValueAsBytes} builds a generator and an output builder per call
 * and takes a buffer recycler from a thread-local pool and gives it back. For small records (the
 * flights job's outputs and store values, 60-200 bytes of JSON) that set-up was a third of the
 * write: in the session 13 JFR of {@code FlightDelayTask} the recycler's {@code ThreadLocal} look-up
 * alone was 3.2 % of the task thread, the generator's construction 1.6 %, of 14 % for all JSON
 * output. Here the generator lives as long as its serde and writes one root value after another
 * into the same builder, each taken out as its own array; the bytes are those
 * {@code writeValueAsBytes} gives (no separator between root values: the factory has none).
 *
 * <p>The generator has a buffer recycler of its own (never returned: the generator is never
 * closed), so other Jackson users of the thread keep the thread's pooled buffers.
 *
 * <p>Errors: after a failed write the generator's state is unknown (a half-written object); the
 * owner must drop this object ({@link JsonSerde} does) and write the next value with a new one.
 *
 * <p>Threading: used only by {@link #owner()}; {@link #busy} guards against a re-entrant write
 * (a custom serializer writing through the same serde), which takes the ordinary path instead.
 */
final class ThreadJsonOutput {
  /** The builder's first block, bytes: most records fit in it. */
  private static final int INITIAL_BYTES = 256;

  private final Thread owner;
  private final ByteArrayBuilder bytes;
  private final JsonGenerator generator;
  private boolean busy;

  private ThreadJsonOutput(Thread owner, JsonFactory factory) throws IOException {
    this.owner = owner;
    this.bytes = new ByteArrayBuilder(INITIAL_BYTES);
    this.generator = factory.createGenerator(bytes);
  }

  /**
   * The factory generators of {@code mapper} are made by here: the mapper's own features, no root
   * value separator, a buffer recycler per generator.
   *
   * @param mapper the serde's mapper
   * @return a copy of its factory
   */
  static JsonFactory factoryFor(ObjectMapper mapper) {
    JsonFactory copy = mapper.getFactory().copy();
    copy.setRootValueSeparator(null);
    copy.setRecyclerPool(JsonRecyclerPools.nonRecyclingPool());
    return copy;
  }

  /**
   * @param owner the only thread that may use it
   * @param factory from {@link #factoryFor}
   * @return a new output
   * @throws IOException if Jackson cannot make a generator (it does not for an in-memory builder)
   */
  static ThreadJsonOutput of(Thread owner, JsonFactory factory) throws IOException {
    return new ThreadJsonOutput(owner, factory);
  }

  /** @return the thread it belongs to */
  Thread owner() {
    return owner;
  }

  /** @return true while a write is under way (a re-entrant call must not use it) */
  boolean busy() {
    return busy;
  }

  /**
   * Writes one value as a root JSON value.
   *
   * @param writer the writer for the value's class (its serializer, features and settings)
   * @param value the value, not null
   * @return the value's JSON, UTF-8, a new array
   * @throws IOException what Jackson throws; this object must then be dropped
   */
  byte[] write(ObjectWriter writer, Object value) throws IOException {
    busy = true;
    try {
      writer.writeValue(generator, value);
      generator.flush();
      byte[] json = bytes.toByteArray();
      bytes.reset();
      return json;
    } finally {
      busy = false;
    }
  }
}
