package io.strand.container.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RestartPolicyTest {

  @Test
  void restartsUpToTheRetryCountWithinTheWindowThenGivesUp() {
    RestartPolicy policy = new RestartPolicy(3, 1_000);

    assertTrue(policy.onFailure("0", 0));
    assertTrue(policy.onFailure("0", 100));
    assertTrue(policy.onFailure("0", 200));
    assertFalse(policy.onFailure("0", 300));
    assertEquals(4, policy.failuresInWindow("0"));
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    RestartPolicy policy = new RestartPolicy(2, 1_000);

    assertTrue(policy.onFailure("0", 0));
    assertTrue(policy.onFailure("0", 500));
    assertTrue(policy.onFailure("0", 1_000)); // the failure at 0 has left the window
    assertEquals(2, policy.failuresInWindow("0"));
    assertFalse(policy.onFailure("0", 1_400));
  }

  @Test
  void containersAreCountedSeparately() {
    RestartPolicy policy = new RestartPolicy(1, 10_000);

    assertTrue(policy.onFailure("0", 0));
    assertTrue(policy.onFailure("1", 1));
    assertFalse(policy.onFailure("0", 2));
    assertEquals(1, policy.failuresInWindow("1"));
    assertEquals(0, policy.failuresInWindow("2"));
  }

  @Test
  void aRetryCountOfZeroNeverRestarts() {
    assertFalse(new RestartPolicy(0, 1_000).onFailure("0", 0));
  }

  @Test
  void rejectsNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(-1, 1_000));
    assertThrows(IllegalArgumentException.class, () -> new RestartPolicy(1, 0));
  }
}
