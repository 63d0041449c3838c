package io.strand.nexmark.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;

/**
 * The Avro codec of Nexmark events, the generator's {@code --format avro}: each event a
 * {@link GenericRecord} of its schema ({@code avro/person.avsc}, {@code auction.avsc},
 * {@code bid.avsc} next to this class: the record's components as fields, same names, longs and
 * strings), written in Avro's single-object encoding ({@link BinaryMessageEncoder}: the two marker
 * bytes {@code C3 01}, the schema's 8-byte CRC-64-AVRO fingerprint, then the binary record). Every
 * engine decodes with these schemas, so a value written with another schema is refused, not
 * misread. Thread-safe (Avro's message encoders and decoders are).
 */
public final class NexmarkAvro {

  private static final Schema PERSON = schema("person.avsc");
  private static final Schema AUCTION = schema("auction.avsc");
  private static final Schema BID = schema("bid.avsc");
  private static final Map<Class<?>, Schema> SCHEMAS = Map.of(Person.class, PERSON, Auction.class, AUCTION,
      Bid.class, BID);
  private static final Map<Class<?>, BinaryMessageEncoder<GenericRecord>> ENCODERS = Map.of(
      Person.class, new BinaryMessageEncoder<>(GenericData.get(), PERSON),
      Auction.class, new BinaryMessageEncoder<>(GenericData.get(), AUCTION),
      Bid.class, new BinaryMessageEncoder<>(GenericData.get(), BID));
  private static final Map<Class<?>, BinaryMessageDecoder<GenericRecord>> DECODERS = Map.of(
      Person.class, new BinaryMessageDecoder<>(GenericData.get(), PERSON),
      Auction.class, new BinaryMessageDecoder<>(GenericData.get(), AUCTION),
      Bid.class, new BinaryMessageDecoder<>(GenericData.get(), BID));

  private NexmarkAvro() {
  }

  /**
   * The schema of an event class.
   *
   * @param type {@link Person}, {@link Auction} or {@link Bid}
   * @return its schema
   * @throws IllegalArgumentException for another class
   */
  public static Schema schema(Class<? extends Event> type) {
    Schema schema = SCHEMAS.get(type);
    if (schema == null) {
      throw new IllegalArgumentException("no Avro schema for " + type.getName());
    }
    return schema;
  }

  /**
   * Whether bytes start as Avro's single-object encoding does ({@code C3 01}); JSON never does (it
   * starts with '{').
   *
   * @param bytes a record value
   * @return true for Avro
   */
  public static boolean isAvro(byte[] bytes) {
    return bytes.length >= 10 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
  }

  /**
   * Encodes an event.
   *
   * @param event the event (an end-of-input marker too)
   * @return its single-object encoding
   */
  public static byte[] write(Event event) {
    GenericRecord r = new GenericData.Record(schema(event.getClass()));
    if (event instanceof Person p) {
      r.put("id", p.id());
      r.put("name", p.name());
      r.put("emailAddress", p.emailAddress());
      r.put("creditCard", p.creditCard());
      r.put("city", p.city());
      r.put("state", p.state());
      r.put("dateTime", p.dateTime());
      r.put("extra", p.extra());
    } else if (event instanceof Auction a) {
      r.put("id", a.id());
      r.put("itemName", a.itemName());
      r.put("description", a.description());
      r.put("initialBid", a.initialBid());
      r.put("reserve", a.reserve());
      r.put("dateTime", a.dateTime());
      r.put("expires", a.expires());
      r.put("seller", a.seller());
      r.put("category", a.category());
      r.put("extra", a.extra());
    } else {
      Bid b = (Bid) event;
      r.put("auction", b.auction());
      r.put("bidder", b.bidder());
      r.put("price", b.price());
      r.put("channel", b.channel());
      r.put("url", b.url());
      r.put("dateTime", b.dateTime());
      r.put("extra", b.extra());
    }
    try {
      ByteBuffer buffer = ENCODERS.get(event.getClass()).encode(r);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode " + event.getClass().getSimpleName() + " as Avro", e);
    }
  }

  /**
   * Decodes an event.
   *
   * @param bytes its single-object encoding
   * @param type the event class the topic holds
   * @param <T> the event type
   * @return the event
   * @throws UncheckedIOException if the bytes are not that schema's single-object encoding (another
   *     fingerprint, or truncated)
   */
  public static <T extends Event> T read(byte[] bytes, Class<T> type) {
    BinaryMessageDecoder<GenericRecord> decoder = DECODERS.get(type);
    if (decoder == null) {
      throw new IllegalArgumentException("no Avro schema for " + type.getName());
    }
    GenericRecord r;
    try {
      r = decoder.decode(bytes);
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(new IOException("not an Avro " + type.getSimpleName() + " (" + bytes.length
          + " bytes): " + e.getMessage(), e));
    }
    Event event;
    if (type == Person.class) {
      event = new Person(l(r, "id"), s(r, "name"), s(r, "emailAddress"), s(r, "creditCard"), s(r, "city"),
          s(r, "state"), l(r, "dateTime"), s(r, "extra"));
    } else if (type == Auction.class) {
      event = new Auction(l(r, "id"), s(r, "itemName"), s(r, "description"), l(r, "initialBid"), l(r, "reserve"),
          l(r, "dateTime"), l(r, "expires"), l(r, "seller"), l(r, "category"), s(r, "extra"));
    } else {
      event = new Bid(l(r, "auction"), l(r, "bidder"), l(r, "price"), s(r, "channel"), s(r, "url"),
          l(r, "dateTime"), s(r, "extra"));
    }
    return type.cast(event);
  }

  private static long l(GenericRecord r, String field) {
    return (Long) r.get(field);
  }

  /** Avro decodes strings as its own {@code Utf8}. */
  private static String s(GenericRecord r, String field) {
    return r.get(field).toString();
  }

  private static Schema schema(String file) {
    try (InputStream in = NexmarkAvro.class.getResourceAsStream("avro/" + file)) {
      if (in == null) {
        throw new IllegalStateException("Avro schema avro/" + file + " missing next to " + NexmarkAvro.class.getName());
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Avro schema " + file, e);
    }
  }
}
