package dev.keystone.platform.jdbc;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * At most so many calls at the database at once (the pool's connections less those kept for the
 * work beside the requests, {@link DatabaseBreakers}); a caller beyond them waits for a permit
 * here, not in the pool's queue, and gives up as soon as the {@link DatabaseBreaker} opens or its
 * wait ends.
 *
 * <p>Why: when the database hangs, the calls already at it take their deadlines (a second or two)
 * to fail, and the breaker opens after the first few. Callers queued behind them in the pool would
 * each still get a connection later and wait out its deadline too, though the breaker had long
 * opened; here they are refused the moment it does (docs/operations.md#database-deadlines).
 */
public final class DatabaseBulkhead {

  private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final Semaphore permits;
  private final long maxWaitNanos;

  /**
   * @param permits calls at the database at once (fewer than the pool's connections)
   * @param maxWaitNanos how long a caller waits for a permit before it is refused
   */
  public DatabaseBulkhead(int permits, long maxWaitNanos) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be positive, not " + permits);
    }
    this.permits = new Semaphore(permits, true);
    this.maxWaitNanos = maxWaitNanos;
  }

  /**
   * Takes a permit, waiting while none is free until the wait ends or {@code giveUp} says so.
   *
   * @return whether a permit was taken; the caller then must {@link #release()} it
   */
  public boolean acquire(BooleanSupplier giveUp) {
    if (permits.tryAcquire()) {
      return true;
    }
    long deadline = System.nanoTime() + maxWaitNanos;
    try {
      while (!giveUp.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        if (permits.tryAcquire(Math.min(left, SLICE_NANOS), TimeUnit.NANOSECONDS)) {
          return true;
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public void release() {
    permits.release();
  }

  /** Permits free now (for tests and metrics). */
  public int available() {
    return permits.availablePermits();
  }
}
