package io.strand.kv;

import io.strand.kv.engine.BytesStore;
import io.strand.kv.engine.ForwardingBytesStore;
import io.strand.storage.kv.Entry;
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
