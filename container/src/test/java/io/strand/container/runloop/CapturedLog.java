package io.strand.container.runloop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what Strand's container classes log (level and formatted message) while open; lines of
 * other tests running at the same time are told apart by the job name they contain.
 */
public final class CapturedLog implements AutoCloseable {

  private static final String LOGGER = "io.strand.container";

  /** One logged line. */
  public record Line(Level level, String message) { }

  private final List<Line> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;

  /** Starts collecting, at INFO and above. */
  public CapturedLog() {
    appender = new AbstractAppender("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        lines.add(new Line(event.getLevel(), event.getMessage().getFormattedMessage()));
      }
    };
    appender.start();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    synchronized (CapturedLog.class) {
      LoggerConfig logger = config.getLoggerConfig(LOGGER);
      if (!logger.getName().equals(LOGGER)) {
        logger = new LoggerConfig(LOGGER, Level.INFO, true);
        config.addLogger(LOGGER, logger);
      }
      logger.addAppender(appender, Level.INFO, null);
      context.updateLoggers();
    }
  }

  /** Lines containing every given part. */
  public List<Line> containing(String... parts) {
    return lines.stream().filter(l -> {
      for (String p : parts) {
        if (!l.message().contains(p)) {
          return false;
        }
      }
      return true;
    }).toList();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    synchronized (CapturedLog.class) {
      context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(appender.getName());
      context.updateLoggers();
    }
    appender.stop();
  }
}
