package io.strand.container.output;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;

/**
 * The size check {@code KafkaProducer.send} makes before it takes a record, for code that has to
 * refuse a record the producer would refuse before handing it to the producer ({@link SendHandOff}:
 * the error belongs on the task's thread, not the sender thread's).
 *
 * <p>Pure functions; any thread.
 */
final class RecordSizes {

  /** Record batch header of magic v2, bytes ({@code DefaultRecordBatch.RECORD_BATCH_OVERHEAD}). */
  private static final int BATCH_OVERHEAD_BYTES = 61;
  /** Largest per-record overhead of magic v2, bytes ({@code DefaultRecord.MAX_RECORD_OVERHEAD}). */
  private static final int MAX_RECORD_OVERHEAD_BYTES = 21;

  private RecordSizes() {}

  /**
   * The size {@code KafkaProducer.send} checks a record against: Kafka's upper bound for one record
   * in a magic v2 batch ({@code AbstractRecords.estimateSizeInBytesUpperBound}), computed here
   * because Kafka's is in an internal package.
   *
   * @param record the record
   * @return bytes
   */
  static int upperBound(ProducerRecord<byte[], byte[]> record) {
    byte[] key = record.key();
    byte[] value = record.value();
    int size = BATCH_OVERHEAD_BYTES + MAX_RECORD_OVERHEAD_BYTES;
    size += key == null ? 1 : sizeOfVarint(key.length) + key.length;
    size += value == null ? 1 : sizeOfVarint(value.length) + value.length;
    Header[] headers = record.headers().toArray();
    size += sizeOfVarint(headers.length);
    for (Header h : headers) {
      int keyBytes = Utils.utf8Length(h.key());
      size += sizeOfVarint(keyBytes) + keyBytes;
      byte[] v = h.value();
      size += v == null ? 1 : sizeOfVarint(v.length) + v.length;
    }
    return size;
  }

  /** Bytes of a zig-zag varint, as Kafka writes record lengths (Kafka's own is in an internal package). */
  private static int sizeOfVarint(int value) {
    int v = (value << 1) ^ (value >> 31);
    int bytes = 1;
    while ((v & 0xffffff80) != 0) {
      bytes++;
      v >>>= 7;
    }
    return bytes;
  }

  /**
   * The producer's own error for a record over its limits ({@code KafkaProducer.ensureValidRecordSize}'s
   * messages), so a caller sees the same text with or without the hand-off.
   *
   * @param size the record's size bound, bytes (from {@link #upperBound})
   * @param maxRequestSize the producer's {@code max.request.size}, bytes; a size not above it is
   *     taken to be over {@code buffer.memory}
   * @return the exception, not thrown
   */
  static RecordTooLargeException tooLarge(int size, int maxRequestSize) {
    return new RecordTooLargeException(size > maxRequestSize
        ? "The message is " + size + " bytes when serialized which is larger than " + maxRequestSize
            + ", which is the value of the max.request.size configuration."
        : "The message is " + size + " bytes when serialized which is larger than the total memory buffer you have"
            + " configured with the buffer.memory configuration.");
  }
}
