package dev.keystone.cache.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keystone.cache.internal.Breaker.State;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BreakerTest {

  private static final long DELAY = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(42);
  private final Breaker breaker = new Breaker(4, 0.5, DELAY, now::get);

  private void call(boolean failed) {
    assertTrue(breaker.allow(), "a call should be allowed in state " + breaker.state());
    breaker.record(failed);
  }

  @Test
  void healthyCallsKeepItClosed() {
    for (int i = 0; i < 100; i++) {
      call(false);
    }
    assertEquals(State.CLOSED, breaker.state());
  }

  @Test
  void oneFailureInFourDoesNotOpenIt() {
    for (int i = 0; i < 20; i++) {
      call(i % 4 == 0);
    }
    assertEquals(State.CLOSED, breaker.state());
  }

  @Test
  void failuresThatLeaveTheWindowAreForgotten() {
    call(true);
    call(false);
    call(false);
    call(false);
    call(true); // the first failure left the window of 4: one failure in it
    assertEquals(State.CLOSED, breaker.state());
    call(true); // two in the last four
    assertEquals(State.OPEN, breaker.state());
  }

  @Test
  void halfOfTheWindowFailingOpensItAndRejectsUntilTheDelay() {
    call(true);
    call(true);
    assertEquals(State.OPEN, breaker.state());
    assertFalse(breaker.allow());
    now.addAndGet(DELAY - 1);
    assertFalse(breaker.allow(), "still within the delay");
  }

  @Test
  void afterTheDelayExactlyOneTrialGoesThroughAndItsSuccessCloses() {
    call(true);
    call(true);
    now.addAndGet(DELAY);
    assertTrue(breaker.allow(), "the trial");
    assertEquals(State.HALF_OPEN, breaker.state());
    assertFalse(breaker.allow(), "a second caller while the trial is out");
    breaker.record(false);
    assertEquals(State.CLOSED, breaker.state());
    call(true); // a fresh window: one failure is not enough
    assertEquals(State.CLOSED, breaker.state());
  }

  @Test
  void aFailedTrialOpensItAgainForAnotherDelay() {
    call(true);
    call(true);
    now.addAndGet(DELAY);
    assertTrue(breaker.allow());
    breaker.record(true);
    assertEquals(State.OPEN, breaker.state());
    now.addAndGet(DELAY - 1);
    assertFalse(breaker.allow());
    now.addAndGet(1);
    assertTrue(breaker.allow());
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Breaker(0, 0.5, DELAY, now::get));
    assertThrows(IllegalArgumentException.class, () -> new Breaker(4, 0, DELAY, now::get));
    assertThrows(IllegalArgumentException.class, () -> new Breaker(4, 1.5, DELAY, now::get));
  }
}
