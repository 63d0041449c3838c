package io.strand.changelog.restore;

import io.strand.kv.engine.BytesStore;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads one changelog partition from a start offset to the end it had when the restore began:
 * records up to the checkpointed offset go to the engine through a {@link RestoreBuffer} (latest
 * value per key, written down as one {@link BytesStore#putAllRaw} per {@value
 * RestoreBuffer#DEFAULT_MAX_BYTES} bytes and at the end, so a key rewritten many times reaches the
 * engine once per batch), and the keys of records after it are collected for {@link Trimmer}.
 * When {@link #replay} returns, every replayed record is in the engine. Nothing read here is
 * logged again.
 *
 * <p>Threading: one restore thread; the consumer is that thread's own.
 */
public final class ChangelogReplayer {

  /** Polling without any progress for this long fails the restore, in ms. */
  public static final long STALL_TIMEOUT_MS = 120_000;

  private static final Duration POLL = Duration.ofMillis(200);

  private ChangelogReplayer() {}

  /**
   * What a replay found.
   *
   * @param restoredRecords records replayed into the engine (up to the checkpointed offset; a key
   *     rewritten within one buffered batch reaches the engine once, with its last value)
   * @param keysAfterCheckpoint keys of the records after the checkpointed offset, to trim
   */
  public record Replay(long restoredRecords, Set<ByteBuffer> keysAfterCheckpoint) {}

  /**
   * Replays {@code [from, endOffset)}.
   *
   * @param consumer a consumer of this thread, already assigned {@code partition}
   * @param partition the changelog partition
   * @param from the first offset to read (the log start for a full restore, the snapshot's offset
   *     plus one otherwise)
   * @param restoreUpTo the last offset to write to the engine (the checkpointed offset), or
   *     {@code from - 1} to write nothing; records after it are only collected for trimming
   * @param endOffset the partition's end offset (exclusive) when the restore began
   * @param engine the engine, below the logged layer
   * @param progress counts and logs
   * @return what was restored and which keys to trim
   * @throws ChangelogRestoreException if a record has no key, or nothing arrives for
   *     {@value #STALL_TIMEOUT_MS} ms before the end is reached
   */
  public static Replay replay(Consumer<byte[], byte[]> consumer, TopicPartition partition, long from,
      long restoreUpTo, long endOffset, BytesStore engine, RestoreProgress progress) {
    return replay(consumer, partition, from, restoreUpTo, endOffset, new RestoreBuffer(engine,
        RestoreBuffer.DEFAULT_MAX_BYTES), progress);
  }

  /**
   * Replays {@code [from, endOffset)} through a given buffer (tests use a small bound to make the
   * buffer write down mid-replay).
   *
   * @param consumer a consumer of this thread, already assigned {@code partition}
   * @param partition the changelog partition
   * @param from the first offset to read
   * @param restoreUpTo the last offset to write to the engine, or {@code from - 1} for none
   * @param endOffset the partition's end offset (exclusive) when the restore began
   * @param buffer an empty buffer over the engine; written down before this returns
   * @param progress counts and logs
   * @return what was restored and which keys to trim
   * @throws ChangelogRestoreException if a record has no key, or nothing arrives for
   *     {@value #STALL_TIMEOUT_MS} ms before the end is reached
   */
  public static Replay replay(Consumer<byte[], byte[]> consumer, TopicPartition partition, long from,
      long restoreUpTo, long endOffset, RestoreBuffer buffer, RestoreProgress progress) {
    Set<ByteBuffer> trimKeys = new HashSet<>();
    long restored = 0;
    if (from >= endOffset) {
      return new Replay(0, trimKeys);
    }
    consumer.seek(partition, from);
    long lastProgress = System.nanoTime();
    long position = from;
    while (position < endOffset) {
      List<ConsumerRecord<byte[], byte[]>> records = consumer.poll(POLL).records(partition);
      long replayed = 0;
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (record.offset() >= endOffset) {
          break;
        }
        if (record.key() == null) {
          throw new ChangelogRestoreException("changelog " + partition + " has a record without a key at offset "
              + record.offset() + "; only Strand may write to a changelog topic", null);
        }
        if (record.offset() <= restoreUpTo) {
          buffer.put(record.key(), record.value());
          replayed++;
        } else {
          trimKeys.add(ByteBuffer.wrap(record.key()));
        }
      }
      if (replayed > 0) {
        restored += replayed;
        progress.advance(replayed);
      }
      // The position moves past compacted gaps, aborted transactions and control records too.
      long next = consumer.position(partition);
      if (next > position) {
        position = next;
        lastProgress = System.nanoTime();
      } else if (System.nanoTime() - lastProgress > STALL_TIMEOUT_MS * 1_000_000) {
        throw new ChangelogRestoreException("restore of changelog " + partition + " made no progress for "
            + STALL_TIMEOUT_MS + " ms at offset " + position + " (end " + endOffset + ")", null);
      }
    }
    buffer.flush();
    return new Replay(restored, trimKeys);
  }
}
