package io.strand.container.output;

import io.strand.container.logging.RateLimitedLog;
import io.strand.container.serde.StreamSerdes;
import io.strand.serializers.SerdeException;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.MessageCollector;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's {@link MessageCollector}: serializes each outgoing envelope with its stream's
 * serdes and hands it to that system's producer. Durability comes from the commit path, which
 * flushes the producers and checks every send before checkpointing.
 *
 * <p>A serialization failure is thrown to the task (and so fails the container) unless
 * {@code task.drop.serialization.errors=true}, in which case the message is dropped and logged at
 * most once per 10 s per stream.
 *
 * <p>A record too large for its producer or topic fails the send with
 * {@link RecordTooLargeForOutputException} (see {@link OutputStream}), whatever
 * {@code task.drop.serialization.errors} says: it is output the job produced, not one it could not
 * serialize.
 *
 * <p>Threading: thread-safe. One instance serves the whole container; the last stream used is
 * cached in an immutable holder, so a task that always sends to the same stream costs one
 * identity comparison per send.
 */
public final class OutputCollector implements MessageCollector {

  private static final Logger LOG = LoggerFactory.getLogger(OutputCollector.class);

  private final ProducerPool producers;
  private final StreamSerdes serdes;
  private final boolean dropSerializationErrors;
  private final Function<SystemStream, OptionalInt> topicMaxMessageBytes;
  private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 10_000);
  private final Map<SystemStream, OutputStream> streams = new ConcurrentHashMap<>();
  private volatile Last last;

  private record Last(SystemStream stream, OutputStream output) { }

  /**
   * Creates the collector.
   *
   * @param producers the container's producers
   * @param serdes the stream serdes
   * @param dropSerializationErrors {@code task.drop.serialization.errors}
   */
  public OutputCollector(ProducerPool producers, StreamSerdes serdes, boolean dropSerializationErrors) {
    this(producers, serdes, dropSerializationErrors, s -> OptionalInt.empty());
  }

  /**
   * Creates the collector, knowing the output topics' size limits.
   *
   * @param producers the container's producers
   * @param serdes the stream serdes
   * @param dropSerializationErrors {@code task.drop.serialization.errors}
   * @param topicMaxMessageBytes a topic's {@code max.message.bytes}, asked once per output stream on
   *     its first send; empty when unknown (the topic does not exist yet, or cannot be described)
   */
  public OutputCollector(ProducerPool producers, StreamSerdes serdes, boolean dropSerializationErrors,
      Function<SystemStream, OptionalInt> topicMaxMessageBytes) {
    this.producers = producers;
    this.serdes = serdes;
    this.dropSerializationErrors = dropSerializationErrors;
    this.topicMaxMessageBytes = topicMaxMessageBytes;
  }

  @Override
  public void send(OutgoingMessageEnvelope envelope) {
    SystemStream stream = envelope.systemStream();
    Last l = last;
    OutputStream out;
    if (l != null && l.stream == stream) {
      out = l.output;
    } else {
      out = streams.get(stream);
      if (out == null) {
        out = streams.computeIfAbsent(stream, this::open);
      }
      last = new Last(stream, out);
    }
    try {
      out.send(envelope);
    } catch (SerdeException e) {
      if (!dropSerializationErrors) {
        throw e;
      }
      dropLog.warn(stream, "dropped a message for " + stream + " that could not be serialized"
          + " (task.drop.serialization.errors=true): " + e.getMessage());
    }
  }

  private OutputStream open(SystemStream stream) {
    return new OutputStream(stream, serdes.forStream(stream), producers.forSystem(stream.system()),
        producers.callback(), topicMaxMessageBytes.apply(stream));
  }
}
