package io.strand.kv.engine;

import io.strand.storage.kv.Entry;
import io.strand.storage.kv.KeyValueIterator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A {@link BytesStore} that passes every call to another one: the base of a layer that changes a
 * few calls (metrics, or the changelog module's logging layer) and inherits the rest. A layer that
 * records writes must override {@code put}, {@code putAll}, {@code delete} and {@code deleteAll},
 * and leave {@link #putAllRaw} alone, which restore uses to write below it; it also overrides
 * {@link #logAll} (record only) and {@link #putAllLogged} (write below without recording), which the
 * object cache's deferred engine writes use. Other layers inherit {@code putAllLogged} as their own
 * {@code putAll}.
 *
 * <p>Threading: as the store it wraps; adds no state of its own.
 */
public abstract class ForwardingBytesStore implements BytesStore {

  /** The store below this layer. */
  protected final BytesStore delegate;

  /**
   * Wraps a store.
   *
   * @param delegate the store below; not null
   */
  protected ForwardingBytesStore(BytesStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * The store below this layer.
   *
   * @return the wrapped store
   */
  public BytesStore delegate() {
    return delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public byte[] get(byte[] key) {
    return delegate.get(key);
  }

  @Override
  public Map<byte[], byte[]> getAll(List<byte[]> keys) {
    return delegate.getAll(keys);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    delegate.put(key, value);
  }

  @Override
  public void putAll(List<Entry<byte[], byte[]>> entries) {
    delegate.putAll(entries);
  }

  @Override
  public void delete(byte[] key) {
    delegate.delete(key);
  }

  @Override
  public void deleteAll(List<byte[]> keys) {
    delegate.deleteAll(keys);
  }

  @Override
  public KeyValueIterator<byte[], byte[]> range(byte[] from, byte[] to) {
    return delegate.range(from, to);
  }

  @Override
  public KeyValueIterator<byte[], byte[]> all() {
    return delegate.all();
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void beginBulkLoad() {
    delegate.beginBulkLoad();
  }

  @Override
  public void endBulkLoad() {
    delegate.endBulkLoad();
  }

  @Override
  public void putAllRaw(List<Entry<byte[], byte[]>> entries) {
    delegate.putAllRaw(entries);
  }

  @Override
  public void logAll(List<Entry<byte[], byte[]>> entries) {
    delegate.logAll(entries);
  }

  @Override
  public void checkpoint(Path target) {
    delegate.checkpoint(target);
  }

  @Override
  public OptionalLong approximateKeyCount() {
    return delegate.approximateKeyCount();
  }

  @Override
  public OptionalLong approximateSizeBytes() {
    return delegate.approximateSizeBytes();
  }
}
