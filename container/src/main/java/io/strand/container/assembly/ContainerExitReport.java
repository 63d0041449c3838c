package io.strand.container.assembly;

import io.strand.container.errors.ContainerFailedException;
import io.strand.container.input.InputDecoder;
import io.strand.container.transaction.TransactionSettings;
import io.strand.container.transaction.TransactionalProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a {@link StreamContainer}'s end is reported: a failure caused by this instance's producer
 * being fenced is named as the fencing, whichever part met it first, and the undeserializable
 * input skipped or dead-lettered is summed up in one line. The failure itself is not logged here:
 * whoever runs the container reports it once.
 *
 * <p>Threading: the container's thread, as it ends.
 */
final class ContainerExitReport {
  // The container's logger: the summary line is the container's, and log configs name it so.
  private static final Logger LOG = LoggerFactory.getLogger(StreamContainer.class);

  private final String who;
  private final boolean jobSummarizesBadInput;

  /**
   * The report of one container.
   *
   * @param who names job and container, first in every line and message
   * @param jobSummarizesBadInput whether whoever runs the container sums up the bad input for the
   *     whole job, so the container's own line is at DEBUG
   */
  ContainerExitReport(String who, boolean jobSummarizesBadInput) {
    this.who = who;
    this.jobSummarizesBadInput = jobSummarizesBadInput;
  }

  /**
   * Under exactly-once, a failure caused by this instance's producer being fenced, whichever part
   * met it first (a changelog write while flushing the store caches, an output send, the commit),
   * is reported as the fencing: the part's own error would hide that another instance of the
   * container took over.
   *
   * @param e the container's failure
   * @param settings the container's transaction settings, or null when not exactly-once (or not
   *     read yet)
   * @return {@code e}, or a failure that explains the fencing with {@code e} as its cause
   */
  ContainerFailedException namingFencing(ContainerFailedException e, TransactionSettings settings) {
    if (settings == null || String.valueOf(e.getMessage()).contains(TransactionalProducer.FENCED)) {
      return e;
    }
    return TransactionalProducer.fencingCause(e).map(cause -> new ContainerFailedException(who + ": exactly-once: "
        + TransactionalProducer.explain(cause, settings), e)).orElse(e);
  }

  /**
   * One line on the undeserializable input skipped or dead-lettered, at WARN if there was any; at
   * DEBUG when the job sums it up in its own line.
   *
   * @param decoder the container's input decoder, or null if the container ended before it had one
   */
  void logBadInputSummary(InputDecoder decoder) {
    if (decoder == null) {
      return;
    }
    decoder.summary().ifPresent(s -> {
      if (jobSummarizesBadInput) {
        LOG.debug("{}: {}", who, s.line());
      } else if (s.any()) {
        LOG.warn("{}: {}", who, s.line());
      } else {
        LOG.info("{}: {}", who, s.line());
      }
    });
  }
}
