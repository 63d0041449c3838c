package io.strand.benchmarks.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The broker's extra JVM options, read once from the system properties. */
class SuiteSettingsBrokerJvmTest {

  @Test
  void unsetOrBlankIsNone() {
    Properties p = new Properties();
    assertEquals(List.of(), SuiteSettings.brokerJvmExtraFrom(p));

    p.setProperty(SuiteSettings.BROKER_JVM_PROPERTY, "   ");
    assertEquals(List.of(), SuiteSettings.brokerJvmExtraFrom(p));
  }

  @Test
  void optionsAreSplitAtWhiteSpace() {
    Properties p = new Properties();
    p.setProperty(SuiteSettings.BROKER_JVM_PROPERTY, " -Xlog:jit+compilation=debug:file=/tmp/jit.log  -XX:+PrintFlagsFinal ");

    assertEquals(List.of("-Xlog:jit+compilation=debug:file=/tmp/jit.log", "-XX:+PrintFlagsFinal"),
        SuiteSettings.brokerJvmExtraFrom(p));
  }
}
