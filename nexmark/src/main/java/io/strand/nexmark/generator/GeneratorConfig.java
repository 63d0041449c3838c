package io.strand.nexmark.generator;

/**
 * What the generator produces.
 *
 * @param events how many events (persons, auctions and bids together), at least 1
 * @param seed the random seed: the same seed and settings give the same events
 * @param baseTimeMs the event time of event 0, ms since the epoch
 * @param interEventDelayUs event time between consecutive events, µs (100: 10 000 events per
 *     second of event time, Nexmark's default first-event rate), at least 1
 * @param ratePerSecond events written per wall-clock second, or 0 for as fast as possible
 */
public record GeneratorConfig(long events, long seed, long baseTimeMs, long interEventDelayUs, long ratePerSecond) {

  /** 2026-01-01T00:00:00Z, the default event time of event 0. */
  public static final long DEFAULT_BASE_TIME_MS = 1_767_225_600_000L;

  /** The default inter-event delay, µs (10 000 events per second of event time). */
  public static final long DEFAULT_INTER_EVENT_DELAY_US = 100;

  /**
   * Checks the ranges.
   *
   * @throws IllegalArgumentException if events or the delay is below 1, or the rate negative
   */
  public GeneratorConfig {
    if (events < 1) {
      throw new IllegalArgumentException("events must be >= 1, got " + events);
    }
    if (interEventDelayUs < 1) {
      throw new IllegalArgumentException("inter-event delay must be >= 1 us, got " + interEventDelayUs);
    }
    if (ratePerSecond < 0) {
      throw new IllegalArgumentException("rate must be >= 0 events/s (0: as fast as possible), got " + ratePerSecond);
    }
  }

  /**
   * Default times, as fast as possible.
   *
   * @param events how many events
   * @param seed the seed
   * @return the config
   */
  public static GeneratorConfig of(long events, long seed) {
    return new GeneratorConfig(events, seed, DEFAULT_BASE_TIME_MS, DEFAULT_INTER_EVENT_DELAY_US, 0);
  }

  /**
   * The event time of an event number.
   *
   * @param eventNumber from 0
   * @return ms since the epoch
   */
  public long timeOf(long eventNumber) {
    return baseTimeMs + Math.multiplyExact(eventNumber, interEventDelayUs) / 1000;
  }

  /**
   * The first event whose time is at or after a time.
   *
   * @param timeMs ms since the epoch
   * @return its event number (may be beyond the generation; 0 for times before it)
   */
  public long firstEventAt(long timeMs) {
    long us = Math.multiplyExact(timeMs - baseTimeMs, 1000L);
    return us <= 0 ? 0 : (us + interEventDelayUs - 1) / interEventDelayUs;
  }
}
