package io.strand.config.validate;

import io.strand.config.Config;
import io.strand.config.ConfigProblem;

/**
 * A check that a module above this one adds to {@link ConfigValidator}, so validation can cover
 * settings whose rules live in libraries this module does not depend on: the container contributes
 * Kafka client settings (checked with Kafka's own config definitions), RocksDB settings and the
 * store directories. The validator runs its own checks first, then each added check, and reports
 * everything together.
 *
 * <p>A check must not create anything (topics, directories, files) nor connect anywhere: it runs
 * before the job is allowed to start. It reports through {@link Report}; a
 * {@link io.strand.config.ConfigException} it throws is reported as its problems too.
 *
 * <p>Threading: implementations must allow calls from several threads at once (a validator is
 * shared).
 */
@FunctionalInterface
public interface ConfigCheck {

  /**
   * Checks a whole job configuration.
   *
   * @param config the whole job configuration
   * @param report where problems (the job must not start) and warnings (it may) go
   */
  void check(Config config, Report report);

  /** Where a {@link ConfigCheck} reports; confined to the validation that called the check. */
  interface Report {

    /**
     * Reports a problem: the job must not start.
     *
     * @param problem the key, its source and what is wrong
     */
    void problem(ConfigProblem problem);

    /**
     * Reports a warning: the job may start, the user should look.
     *
     * @param warning the key, its source and what may be wrong
     */
    void warning(ConfigProblem warning);
  }
}
