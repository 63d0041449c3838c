package io.strand.kv;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.ForwardingBytesStore;
import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A stand-in for the changelog module's logging layer: records the writes (and counts the reads) that pass through it. */
final class RecordingLayer extends ForwardingBytesStore {
  final List<Integer> putAllSizes = new ArrayList<>();
  int singleWrites;
  int flushes;
  /** Sizes of the batches recorded without an engine write ({@link #logAll}). */
  final List<Integer> logOnlySizes = new ArrayList<>();
  /** Sizes of the logged batches written to the engine later ({@link #putAllLogged}). */
  final List<Integer> engineOnlySizes = new ArrayList<>();
  int keysRead;

  RecordingLayer(BytesStore delegate) {
    super(delegate);
  }

  /** Keys range scans read from below, as UTF-8 text, in the order read. */
  final List<String> keysScanned = new ArrayList<>();

  @Override
  public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
    KeyValueIterator<byte[], byte[]> inner = super.range(from, to);
    return new KeyValueIterator<>() {
      @Override
      public boolean hasNext() {
        return inner.hasNext();
      }

      @Override
      public Entry<byte[], byte[]> next() {
        Entry<byte[], byte[]> e = inner.next();
        keysScanned.add(new String(e.key(), java.nio.charset.StandardCharsets.UTF_8));
        return e;
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  @Override
  public byte[] get(byte[] key) {
    keysRead++;
    return super.get(key);
  }

  @Override
  public Map<byte[], byte[]> getAll(List<byte[]> keys) {
    keysRead += keys.size();
    return super.getAll(keys);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    singleWrites++;
    super.put(key, value);
  }

  @Override
  public void delete(byte[] key) {
    singleWrites++;
    super.delete(key);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    putAllSizes.add(entries.size());
    super.putAll(entries);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    putAllSizes.add(keys.size());
    super.deleteAll(keys);
  }

  /** Local deletes pass below unrecorded, as the changelog module's layer sends no tombstone for them. */
  @Override
  public void deleteAllUnlogged(List<byte[]> keys) {
    delegate.deleteAll(keys);
  }

  @Override
  public void logAll(List<Entry<byte[], byte[]>> entries) {
    logOnlySizes.add(entries.size());
  }

  @Override
  public void putAllLogged(List<Entry<byte[], byte[]>> entries) {
    engineOnlySizes.add(entries.size());
    delegate.putAll(entries);
  }

  @Override
  public void flush() {
    flushes++;
    super.flush();
  }

  int recordsLogged() {
    return singleWrites + putAllSizes.stream().mapToInt(Integer::intValue).sum()
        + logOnlySizes.stream().mapToInt(Integer::intValue).sum();
  }

}
