package dev.keystone.cache.internal;

import java.util.function.LongSupplier;

/**
 * The circuit breaker in front of Redis (docs/architecture.md §5.1: Redis is an optimisation, so a
 * dead or slow Redis must cost a few timeouts, not one per request). Closed, it lets every call
 * through and remembers the outcomes of the last {@code window} calls; once {@code failuresToOpen}
 * of them failed it opens and rejects every call at once for {@code delay}; then it lets exactly
 * one trial call through (half-open): its success closes the breaker, its failure opens it again.
 *
 * <p>Hand-rolled instead of MicroProfile Fault Tolerance's {@code @CircuitBreaker}: that
 * interceptor cost more CPU per Redis-tier cache hit than the Redis GET itself (JFR). Here a call
 * on a healthy Redis reads two volatile fields and takes no lock; only calls while failures are in
 * the window synchronize.
 */
final class Breaker {

  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int failuresToOpen;
  private final long delayNanos;
  private final LongSupplier nanoClock;

  /** The last {@code window} outcomes, true = failed; a ring, all successes when closed fresh. */
  private final boolean[] failedRing;

  private int next;
  private long openUntilNanos;
  private boolean trialOut;

  private volatile State state = State.CLOSED;

  /** Failures in the ring; zero lets a successful call skip the lock (the ring stays clean). */
  private volatile int failures;

  /**
   * @param window how many recent calls are remembered
   * @param failureRatio the share of those that opens the breaker (at least one call)
   * @param delayNanos how long it stays open before a trial call
   * @param nanoClock {@link System#nanoTime} (a test's clock in unit tests)
   */
  Breaker(int window, double failureRatio, long delayNanos, LongSupplier nanoClock) {
    if (window < 1 || failureRatio <= 0 || failureRatio > 1 || delayNanos < 0) {
      throw new IllegalArgumentException("breaker window >= 1, ratio in (0,1], delay >= 0");
    }
    this.failedRing = new boolean[window];
    this.failuresToOpen = Math.max(1, (int) Math.ceil(failureRatio * window));
    this.delayNanos = delayNanos;
    this.nanoClock = nanoClock;
  }

  /** True if a call may go to Redis now; a caller that gets true must {@link #record} it. */
  boolean allow() {
    if (state == State.CLOSED) {
      return true;
    }
    synchronized (this) {
      if (state == State.CLOSED) {
        return true;
      }
      if (state == State.OPEN && nanoClock.getAsLong() - openUntilNanos >= 0) {
        state = State.HALF_OPEN;
        trialOut = false;
      }
      if (state == State.HALF_OPEN && !trialOut) {
        trialOut = true; // this caller is the one trial
        return true;
      }
      return false;
    }
  }

  /** Records the outcome of an allowed call. */
  void record(boolean failed) {
    if (!failed && failures == 0 && state == State.CLOSED) {
      return; // healthy fast path: a success in a clean window changes nothing
    }
    synchronized (this) {
      switch (state) {
        case HALF_OPEN -> {
          if (failed) {
            open();
          } else {
            close();
          }
        }
        case CLOSED -> remember(failed);
        case OPEN -> {
          // a call allowed just before the breaker opened: its outcome no longer matters
        }
      }
    }
  }

  State state() {
    return state;
  }

  private void remember(boolean failed) {
    if (failedRing[next] != failed) {
      failures += failed ? 1 : -1;
      failedRing[next] = failed;
    }
    next = (next + 1) % failedRing.length;
    if (failures >= failuresToOpen) {
      open();
    }
  }

  private void open() {
    openUntilNanos = nanoClock.getAsLong() + delayNanos;
    state = State.OPEN;
  }

  private void close() {
    java.util.Arrays.fill(failedRing, false);
    failures = 0;
    next = 0;
    state = State.CLOSED;
  }
}
