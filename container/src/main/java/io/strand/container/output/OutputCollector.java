package io.strand.container.output;

import io.strand.container.logging.RateLimitedLog;
import io.strand.container.serde.StreamSerdes;
import io.strand.serializers.SerdeException;
import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;
import io.strand.task.MessageCollector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's {@link MessageCollector}: serializes each outgoing envelope with its stream's
 * serdes and hands it to that system's producer. The first send to a stream first makes sure its
 * topic exists ({@link OutputTopics}). Durability comes from the commit path, which
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
 * cached in an immutable holder, so tasks that always send to the same stream (an equal
 * {@link SystemStream}, whether or not the same instance) cost one comparison per send.
 */
public final class OutputCollector implements MessageCollector {

  private static final Logger LOG = LoggerFactory.getLogger(OutputCollector.class);

  private final ProducerPool producers;
  private final OutputTopics topics;
  private final StreamSerdes serdes;
  private final boolean dropSerializationErrors;
  private final RateLimitedLog dropLog = new RateLimitedLog(LOG, 10_000);
  private final Map<SystemStream, OutputStream> streams = new ConcurrentHashMap<>();
  private volatile Last last;

  private record Last(SystemStream stream, OutputStream output) { }

  /**
   * Creates the collector.
   *
   * @param producers the container's producers
   * @param topics checks or creates each output topic before its first send
   * @param serdes the stream serdes
   * @param dropSerializationErrors {@code task.drop.serialization.errors}
   */
  public OutputCollector(ProducerPool producers, OutputTopics topics, StreamSerdes serdes,
      boolean dropSerializationErrors) {
    this.producers = producers;
    this.topics = topics;
    this.serdes = serdes;
    this.dropSerializationErrors = dropSerializationErrors;
  }

  @Override
  public void send(OutgoingMessageEnvelope envelope) {
    SystemStream stream = envelope.systemStream();
    Last l = last;
    OutputStream out;
    // Equal, not only identical: each task of a streams application (and many hand-written tasks)
    // holds its own SystemStream instance of the same output, and tasks take turns on the thread;
    // an identity miss sent every switch through the map (a record hashCode of both names: 18 % of
    // the run-loop thread in the enrichment benchmark's profile). The names are usually the same
    // String instances, so equals is two reference comparisons.
    if (l != null && (l.stream == stream || l.stream.equals(stream))) {
      out = l.output;
    } else {
      out = streams.get(stream);
      if (out == null) {
        // Outside computeIfAbsent: creating a topic takes a while and must not hold the map's bin lock.
        topics.ensure(stream);
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
        producers.callback(), topics.maxMessageBytes(stream));
  }
}
