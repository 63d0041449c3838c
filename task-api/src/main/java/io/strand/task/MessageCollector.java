package io.strand.task;

import io.strand.system.OutgoingMessageEnvelope;

/**
 * Where a task sends output, as Samza's {@code MessageCollector}.
 *
 * <p>Sending is asynchronous: the message is serialized and handed to the producer at once, and is
 * known to be durable only after the next commit, which waits for every acknowledgement before it
 * checkpoints the input. A send that the broker rejects fails the container at that commit at the
 * latest, so no checkpoint ever covers lost output.
 *
 * <p>Threading: a {@link StreamTask} calls this on its own thread during a callback; an
 * {@link AsyncStreamTask} may call it from any thread until it completes the message's callback.
 */
public interface MessageCollector {

  /**
   * Sends one message.
   *
   * @param envelope the message and where it goes
   * @throws io.strand.serializers.SerdeException if the key or message cannot be serialized (unless
   *     {@code task.drop.serialization.errors} is true, in which case the message is dropped)
   * @throws IllegalArgumentException if the envelope names a system that is not configured
   */
  void send(OutgoingMessageEnvelope envelope);
}
