package io.strand.nexmark.flink;

import io.strand.nexmark.model.NexmarkJson;

/**
 * One output record of a query, ready for the sink: the key id (written as
 * {@link NexmarkJson#key(long)}) and the result's JSON ({@link NexmarkJson#write(Object)}).
 * Encoding happens in the query's last operator so the sink only copies bytes.
 *
 * @param key the id the query's output is keyed by (see {@code Query})
 * @param value the result record's JSON, UTF-8
 */
public record KeyedOutput(long key, byte[] value) {

  /**
   * Encodes a result.
   *
   * @param key the key id
   * @param result the result record
   * @return the output record
   */
  public static KeyedOutput of(long key, Object result) {
    return new KeyedOutput(key, NexmarkJson.write(result));
  }
}
