package io.strand.streams.internal.runtime;

import io.strand.system.OutgoingMessageEnvelope;
import io.strand.system.SystemStream;

/** {@code to(topic)}: sends each record; the container serializes it with the stream's serdes. */
final class SinkOp extends Op {

  private final SystemStream stream;

  SinkOp(String name, SystemStream stream) {
    super(name);
    this.stream = stream;
  }

  @Override
  void process(Object key, Object value, long timestamp) {
    env.collector.send(new OutgoingMessageEnvelope(stream, key, value));
  }
}
