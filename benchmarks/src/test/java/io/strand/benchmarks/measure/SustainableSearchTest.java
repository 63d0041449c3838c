package io.strand.benchmarks.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The sustainable maximum's bisection over a fake judge: pure logic, no broker. */
class SustainableSearchTest {

  /** A machine that keeps up with anything up to {@code capacity} records/s. */
  private static SustainableSearch.Judge upTo(double capacity, List<Double> offered) {
    return rate -> {
      offered.add(rate);
      return new SustainableSearch.Step(rate, rate <= capacity ? "" : "p50 grew", 5, 20);
    };
  }

  @Test
  void findsTheCapacityToTheResolutionInAFewSteps() throws InterruptedException {
    List<Double> offered = new ArrayList<>();

    SustainableSearch.Outcome o = new SustainableSearch(0.1, 6).run(20_000, 188_000, upTo(97_000, offered));

    assertTrue(o.sustainedRate() <= 97_000 && o.saturatedRate() > 97_000, o::toString);
    assertTrue(o.resolution() <= 0.1, o::toString);
    assertEquals(5, o.steps().size(), o::toString);
    assertEquals(offered, o.steps().stream().map(SustainableSearch.Step::rate).toList());
    // Geometric bisection: the first step is the bracket's geometric middle.
    assertEquals(Math.sqrt(20_000.0 * 188_000.0), offered.get(0), 1e-6);
  }

  @Test
  void stopsAtTheStepLimitWithTheBracketItReached() throws InterruptedException {
    SustainableSearch.Outcome o = new SustainableSearch(0.01, 3).run(10_000, 640_000, upTo(1_000_000, new ArrayList<>()));

    assertEquals(3, o.steps().size());
    assertTrue(o.steps().stream().allMatch(SustainableSearch.Step::sustained));
    // Each step sustained: the bottom rose to 640 k / 2^(6/8) ... the top stays the given ceiling.
    assertEquals(640_000, o.saturatedRate(), 1e-6);
    assertEquals(o.steps().get(2).rate(), o.sustainedRate(), 1e-6);
  }

  @Test
  void aMachineThatKeepsUpWithNothingKeepsTheBottom() throws InterruptedException {
    SustainableSearch.Outcome o = new SustainableSearch(0.1, 5).run(20_000, 188_000, upTo(0, new ArrayList<>()));

    assertEquals(20_000, o.sustainedRate(), 1e-6);
    assertTrue(o.saturatedRate() < 20_000 * 1.1, o::toString);
  }

  @Test
  void aNarrowBracketNeedsNoStep() throws InterruptedException {
    SustainableSearch.Outcome o = new SustainableSearch(0.1, 5).run(100_000, 105_000, rate -> {
      throw new AssertionError("no step expected");
    });

    assertEquals(List.of(), o.steps());
    assertEquals(100_000, o.sustainedRate(), 1e-6);
  }

  @Test
  void anEarlierPointNarrowsTheBracket() {
    assertEquals(new SustainableSearch.Bracket(20_000, 94_000), SustainableSearch.narrow(20_000, 188_000,
        Optional.of(new SustainableSearch.Step(94_000, "p50 grew", 300, 900))));
    assertEquals(new SustainableSearch.Bracket(94_000, 188_000), SustainableSearch.narrow(20_000, 188_000,
        Optional.of(new SustainableSearch.Step(94_000, "", 5, 20))));
    assertEquals(new SustainableSearch.Bracket(20_000, 188_000), SustainableSearch.narrow(20_000, 188_000,
        Optional.empty()));
    // A point outside the bracket says nothing new.
    assertEquals(new SustainableSearch.Bracket(20_000, 188_000), SustainableSearch.narrow(20_000, 188_000,
        Optional.of(new SustainableSearch.Step(200_000, "", 5, 20))));
  }

  @Test
  void aBracketWithinTheResolutionNeedsNoSearch() {
    assertTrue(new SustainableSearch.Bracket(100_000, 105_000).within(0.1));
    assertTrue(new SustainableSearch.Bracket(100_000, 110_000).within(0.1));
    assertTrue(!new SustainableSearch.Bracket(100_000, 120_000).within(0.1));
  }

  @Test
  void anEmptyBracketIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new SustainableSearch(0.1, 5).run(50_000, 50_000,
        upTo(1, new ArrayList<>())));
  }
}
