package io.strand.container.runloop;

/**
 * Something that must make its buffered writes durable-bound before the commit flushes the
 * producers: the hook where store caches (a later issue) flush their dirty entries to the
 * changelog producer, so the producer flush that follows covers them. Called first in every
 * commit, on the run loop thread, with no message in flight.
 */
public interface CommitParticipant {

  /**
   * A name for logs and errors, for example the store name.
   *
   * @return the name
   */
  String name();

  /**
   * Hands every buffered write to its producer.
   *
   * @throws RuntimeException if it cannot; the commit fails and nothing is checkpointed
   */
  void flush();
}
