package io.strand.container.input;

import io.strand.config.Config;
import io.strand.config.view.TaskConfig;
import io.strand.system.SystemStream;
import java.util.Optional;

/**
 * What the container does with an input message that its serde cannot deserialize.
 *
 * <ul>
 *   <li>{@code FAIL} (default): the container fails, naming task, topic, partition, offset and
 *       serde; no checkpoint passes the message.
 *   <li>{@code SKIP} ({@code task.drop.deserialization.errors=true}, as in Samza): the message is
 *       counted, logged at most once per 10 s per stream, and treated as processed.
 *   <li>{@code DEAD_LETTER} ({@value #DEAD_LETTER_STREAM}{@code =<system>.<stream>}): the raw key
 *       and value are sent to that stream with the source and error in headers, then treated as
 *       processed; the send is flushed by the next commit before the offset is checkpointed.
 *       Wins over {@code SKIP} when both are set, since it loses nothing.
 * </ul>
 *
 * <p>Threading: immutable.
 *
 * @param kind the policy
 * @param deadLetterStream the dead-letter stream when {@code kind} is {@code DEAD_LETTER}, else empty
 */
public record BadMessagePolicy(Kind kind, Optional<SystemStream> deadLetterStream) {

  /** {@code strand.task.dead-letter.stream}: where undeserializable input goes, as {@code system.stream}. */
  public static final String DEAD_LETTER_STREAM = "strand.task.dead-letter.stream";

  /** The three policies. */
  public enum Kind {
    /** Stop the container. */
    FAIL,
    /** Count, log and skip. */
    SKIP,
    /** Send the raw bytes to the dead-letter stream and go on. */
    DEAD_LETTER
  }

  /**
   * Reads the policy from the job config.
   *
   * @param config the job config
   * @return the policy
   * @throws io.strand.config.ConfigException if {@value #DEAD_LETTER_STREAM} is not of the form
   *     {@code system.stream}
   */
  public static BadMessagePolicy fromConfig(Config config) {
    Optional<String> dlq = config.get(DEAD_LETTER_STREAM).map(String::trim).filter(s -> !s.isEmpty());
    if (dlq.isPresent()) {
      try {
        return new BadMessagePolicy(Kind.DEAD_LETTER, Optional.of(SystemStream.parse(dlq.get())));
      } catch (IllegalArgumentException e) {
        throw config.problem(DEAD_LETTER_STREAM, e.getMessage());
      }
    }
    return new TaskConfig(config).isDropDeserializationErrors()
        ? new BadMessagePolicy(Kind.SKIP, Optional.empty())
        : new BadMessagePolicy(Kind.FAIL, Optional.empty());
  }
}
