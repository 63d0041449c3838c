package io.strand.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JoinInputLoaderTest {

  @Test
  void theTruthHoldsEveryPairWithinTheWindowOnceAsAllPairsCompared() {
    SplittableRandom random = new SplittableRandom(42);
    int keys = 7;
    int eventsPerSecond = 300; // ~43 records per key per second: windows of 50 ms hold a few
    int[] left = random.ints(1_000, 0, keys).toArray();
    int[] right = random.ints(800, 0, keys).toArray();
    long base = 1_700_000_000_000L;

    JoinInputLoader.JoinTruth truth = JoinInputLoader.truth(left, right, keys, eventsPerSecond, base, 50);

    long pairs = 0;
    long digest = 0;
    for (int i = 0; i < left.length; i++) {
      for (int j = 0; j < right.length; j++) {
        long lt = base + i * 1000L / eventsPerSecond;
        long rt = base + j * 1000L / eventsPerSecond;
        if (left[i] == right[j] && Math.abs(lt - rt) <= 50) {
          pairs++;
          digest += JoinPayloads.digest(left[i], lt, rt);
        }
      }
    }
    assertTrue(pairs > 1_000, "the input makes too few pairs to test anything: " + pairs);
    assertEquals(new JoinInputLoader.JoinTruth(pairs, digest), truth);
  }
}
