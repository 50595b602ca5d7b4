package dev.keystone.platform.jdbc;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A circuit breaker in front of the database. Closed, every call goes through. A call that finds
 * PostgreSQL unreachable or silent ({@link DatabaseReachability}) opens it: for {@code open}
 * nanoseconds every call is refused at once; then one call at a time goes through as a trial, whose
 * answer closes it (the database answered, whatever it said) or opens it again.
 *
 * <p>Why: a hung database costs each call its deadlines (a second or two), and requests arriving
 * faster than that would otherwise occupy every server thread, starving the requests that need no
 * database (cache hits). Open, a refusal costs nothing, and the trial calls bound how soon serving
 * resumes after the database returns.
 */
public final class DatabaseBreaker {

  private final int failures;
  private final long openNanos;
  private final LongSupplier clock;
  private final AtomicInteger inARow = new AtomicInteger();
  private final AtomicBoolean trialInFlight = new AtomicBoolean();
  private volatile boolean open;
  private volatile long openUntil;

  /**
   * @param failures unreachable answers in a row that open it
   * @param openNanos how long a refusal lasts before the next trial call
   * @param clock {@link System#nanoTime} in production
   */
  public DatabaseBreaker(int failures, long openNanos, LongSupplier clock) {
    this.failures = failures;
    this.openNanos = openNanos;
    this.clock = clock;
  }

  /**
   * Whether a call may go to the database now. A caller that gets true must report its outcome with
   * {@link #answered()} or {@link #unreachable()}.
   */
  public boolean tryEnter() {
    if (!open) {
      return true;
    }
    return clock.getAsLong() - openUntil >= 0 && trialInFlight.compareAndSet(false, true);
  }

  /** The database answered the call (a result, or an error of its own such as a constraint). */
  public void answered() {
    inARow.set(0);
    open = false;
    trialInFlight.set(false);
  }

  /** The call found the database unreachable or silent past its deadline. */
  public void unreachable() {
    if (inARow.incrementAndGet() >= failures || open) {
      openUntil = clock.getAsLong() + openNanos;
      open = true;
    }
    trialInFlight.set(false);
  }

  /** True while calls are refused (between trials). */
  public boolean isOpen() {
    return open;
  }
}
