package io.strand.container.query.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.strand.serializers.ByteSerde;
import io.strand.serializers.DoubleSerde;
import io.strand.serializers.IntegerSerde;
import io.strand.serializers.LongSerde;
import io.strand.serializers.Serde;
import io.strand.serializers.StringSerde;
import java.io.IOException;
import java.util.Base64;

/**
 * Keys in URLs and keys and values in answers, through a store's serdes.
 *
 * <p>A key in a path is text: for the string serde the text itself, for the integer, long and
 * double serdes the number, for the bytes serde base64 (URL-safe or standard), for any other serde
 * JSON that Jackson reads into maps, lists, strings and numbers before the serde writes it (so a
 * JSON serde's key is given as its JSON). With {@code ?encoding=base64} the text is the serialized
 * key itself, in base64: exact for any serde (the client sends keys this way).
 *
 * <p>A key or value in an answer is what the serde reads, written by Jackson: strings, numbers,
 * maps, lists and beans as JSON; {@code byte[]} (the bytes serde, binary formats) as a base64
 * string, Jackson's default; an object Jackson cannot write, as its {@code toString()}.
 *
 * <p>Threading: stateless.
 */
public final class JsonValues {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /**
   * A key from its text in a URL.
   *
   * @param text the URL-decoded text
   * @param base64 whether the text is the serialized key in base64
   * @param serde the store's key serde
   * @return the serialized key
   * @throws IllegalArgumentException if the text is not a key of the serde
   */
  public static byte[] keyBytes(String text, boolean base64, Serde<Object> serde) {
    Object kind = serde; // the serdes are final classes of other type arguments
    if (base64 || kind instanceof ByteSerde) {
      return decodeBase64(text);
    }
    Object key;
    if (kind instanceof StringSerde) {
      key = text;
    } else if (kind instanceof IntegerSerde) {
      key = Integer.valueOf(text.trim());
    } else if (kind instanceof LongSerde) {
      key = Long.valueOf(text.trim());
    } else if (kind instanceof DoubleSerde) {
      key = Double.valueOf(text.trim());
    } else {
      try {
        key = MAPPER.readValue(text, Object.class);
      } catch (IOException e) {
        throw new IllegalArgumentException("the key is not JSON: " + e.getMessage()
            + "; give JSON, or the serialized key with ?encoding=base64", e);
      }
    }
    try {
      return serde.toBytes(key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the key serde " + serde.getClass().getSimpleName() + " cannot write '" + text
          + "': " + e.getMessage() + "; give the serialized key with ?encoding=base64", e);
    }
  }

  /**
   * A serialized key or value as JSON.
   *
   * @param bytes the serialized form
   * @param serde its serde
   * @return the JSON
   */
  public static JsonNode render(byte[] bytes, Serde<Object> serde) {
    Object o = serde.fromBytes(bytes);
    if (o == null) {
      return MAPPER.nullNode();
    }
    try {
      return MAPPER.valueToTree(o);
    } catch (IllegalArgumentException e) {
      return new TextNode(o.toString());
    }
  }

  /**
   * Base64, URL-safe or standard, padded or not.
   *
   * @param text the text
   * @return the bytes
   * @throws IllegalArgumentException if it is not base64
   */
  public static byte[] decodeBase64(String text) {
    String t = text.trim().replace('+', '-').replace('/', '_');
    return Base64.getUrlDecoder().decode(t);
  }

  /**
   * URL-safe base64 without padding, as {@code ?encoding=base64} keys.
   *
   * @param bytes the bytes
   * @return the text
   */
  public static String encodeBase64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
