package io.strand.kv.layers;

import io.strand.kv.engine.BytesStore;
import io.strand.serializers.Serde;
import io.strand.serializers.SerdeException;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import io.strand.storage.kv.KeyValueStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns objects into bytes on the way down and back on the way up, with the serdes named by
 * {@code stores.<s>.key.serde} and {@code .msg.serde}. Batched calls stay batched, so the object
 * cache's write batches reach the logging layer and the engine as one {@code putAll}. A value
 * that serializes to null deletes the key; a non-null key that serializes to null is a
 * {@link SerdeException}, as a store cannot hold it.
 *
 * <p>Threading: as the store below, one task thread; the serdes are thread-safe by contract.
 */
public final class SerializedStore implements KeyValueStore<Object, Object> {
  private final KeyValueStore<byte[], byte[]> bytes;
  private final Serde<Object> keySerde;
  private final String keySerdeName;
  private final Serde<Object> msgSerde;
  // Serialized key and value bytes of the entries written and read so far, for the object cache's
  // byte budget (meanEntryBytes).
  private long sizedBytes;
  private long sizedEntries;

  /**
   * Wraps a byte store.
   *
   * @param bytes the store below (the logging layer or the metered engine)
   * @param keySerde the key serde
   * @param keySerdeName the key serde's registry name, for errors
   * @param msgSerde the value serde
   */
  public SerializedStore(KeyValueStore<byte[], byte[]> bytes, Serde<Object> keySerde, String keySerdeName,
      Serde<Object> msgSerde) {
    this.bytes = bytes;
    this.keySerde = keySerde;
    this.keySerdeName = keySerdeName;
    this.msgSerde = msgSerde;
  }

  @Override
  public Object get(Object key) {
    byte[] k = keyBytes(key);
    byte[] v = bytes.get(k);
    if (v != null) {
      sized(k, v);
    }
    return msgSerde.fromBytes(v);
  }

  @Override
  public Map<Object, Object> getAll(List<Object> keys) {
    // The byte store answers keyed by our array instances, so an identity map leads back to objects.
    Map<byte[], Object> objectOf = new IdentityHashMap<>(keys.size() * 2);
    List<byte[]> keyBytes = new ArrayList<>(keys.size());
    for (Object key : keys) {
      byte[] k = keyBytes(key);
      objectOf.put(k, key);
      keyBytes.add(k);
    }
    Map<byte[], byte[]> found = bytes.getAll(keyBytes);
    Map<Object, Object> result = new HashMap<>(found.size() * 2);
    for (Map.Entry<byte[], byte[]> e : found.entrySet()) {
      sized(e.getKey(), e.getValue());
      result.put(objectOf.get(e.getKey()), msgSerde.fromBytes(e.getValue()));
    }
    return result;
  }

  @Override
  public void put(Object key, Object value) {
    byte[] k = keyBytes(key);
    byte[] v = msgSerde.toBytes(value);
    sized(k, v);
    bytes.put(k, v);
  }

  @Override
  public void putAll(List<Entry<Object, Object>> entries) {
    bytes.putAll(serialize(entries));
  }

  /**
   * Whether writes can be split into {@link #logAll} and {@link #putAllLogged}: the store below is
   * a byte stack ({@link BytesStore}) rather than a plain byte-level store.
   *
   * @return true when the object cache may defer its engine writes through this layer
   */
  public boolean splitsWrites() {
    return bytes instanceof BytesStore;
  }

  /**
   * Serializes a batch and records it in the changelog only ({@link BytesStore#logAll}); the
   * engine write follows with {@link #putAllLogged} of the returned entries, so the engine gets
   * exactly the bytes the changelog got (even if a cached value object was changed in between).
   *
   * @param entries the batch; a null value deletes
   * @return the serialized batch, in the same order; the caller must not change the arrays
   * @throws IllegalStateException if {@link #splitsWrites()} is false
   * @throws SerdeException if a key serializes to null
   */
  public List<Entry<byte[], byte[]>> logAll(List<Entry<Object, Object>> entries) {
    List<Entry<byte[], byte[]>> serialized = serialize(entries);
    byteStack().logAll(serialized);
    return serialized;
  }

  /**
   * Writes a batch {@link #logAll} returned to the engine, without logging it again
   * ({@link BytesStore#putAllLogged}).
   *
   * @param serialized serialized entries from {@link #logAll}
   * @throws IllegalStateException if {@link #splitsWrites()} is false
   */
  public void putAllLogged(List<Entry<byte[], byte[]>> serialized) {
    byteStack().putAllLogged(serialized);
  }

  private BytesStore byteStack() {
    if (bytes instanceof BytesStore stack) {
      return stack;
    }
    throw new IllegalStateException("the store below is not a byte stack: writes cannot be split");
  }

  private List<Entry<byte[], byte[]>> serialize(List<Entry<Object, Object>> entries) {
    List<Entry<byte[], byte[]>> serialized = new ArrayList<>(entries.size());
    for (Entry<Object, Object> e : entries) {
      byte[] k = keyBytes(e.key());
      byte[] v = msgSerde.toBytes(e.value());
      sized(k, v);
      serialized.add(new Entry<>(k, v));
    }
    return serialized;
  }

  private void sized(byte[] key, byte[] value) {
    if (value != null) { // a delete says nothing about the size of what the cache holds
      sizedBytes += key.length + value.length;
      sizedEntries++;
    }
  }

  /**
   * The mean serialized size of the entries this layer has written or read (key and value bytes;
   * deletes and range scans not counted), for the object cache's byte budget.
   *
   * @return bytes per entry, or -1 before the first entry
   */
  public long meanEntryBytes() {
    return sizedEntries == 0 ? -1 : sizedBytes / sizedEntries;
  }

  @Override
  public void delete(Object key) {
    bytes.delete(keyBytes(key));
  }

  @Override
  public void deleteAll(List<Object> keys) {
    List<byte[]> serialized = new ArrayList<>(keys.size());
    for (Object key : keys) {
      serialized.add(keyBytes(key));
    }
    bytes.deleteAll(serialized);
  }

  @Override
  public KeyValueIterator<Object, Object> range(Object from, Object to) {
    return new Deserializing(bytes.range(keyBytes(from), keyBytes(to)));
  }

  @Override
  public KeyValueIterator<Object, Object> all() {
    return new Deserializing(bytes.all());
  }

  @Override
  public void flush() {
    bytes.flush();
  }

  /**
   * A key as the store below sees it, and orders it.
   *
   * @param key a non-null key
   * @return the key serde's bytes
   * @throws SerdeException if the serde fails or returns null
   */
  public byte[] keyBytes(Object key) {
    byte[] k = keySerde.toBytes(key);
    if (k == null) {
      throw new SerdeException(keySerdeName, SerdeException.NO_PAYLOAD,
          "a non-null key of type " + key.getClass().getName() + " serialized to null; stores need key bytes", null);
    }
    return k;
  }

  /** Deserializes entries as they are read; closing it closes the byte iterator. */
  private final class Deserializing implements KeyValueIterator<Object, Object> {
    private final KeyValueIterator<byte[], byte[]> inner;

    Deserializing(KeyValueIterator<byte[], byte[]> inner) {
      this.inner = inner;
    }

    @Override
    public boolean hasNext() {
      return inner.hasNext();
    }

    @Override
    public Entry<Object, Object> next() {
      Entry<byte[], byte[]> e = inner.next();
      return new Entry<>(keySerde.fromBytes(e.key()), msgSerde.fromBytes(e.value()));
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
