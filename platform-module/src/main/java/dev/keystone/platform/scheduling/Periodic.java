package dev.keystone.platform.scheduling;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One background job that runs in rounds on a scheduler (in Liberty, the injected {@code
 * ManagedScheduledExecutorService}), started at most once.
 *
 * <p>Why a class for three lines: a {@link ScheduledExecutorService} silently cancels a fixed-delay
 * schedule the first time its task throws, so a job whose round met a dead database once would
 * never run again. Every round here is guarded: a failure is logged and the next round comes one
 * interval later. And an {@code @ApplicationScoped} bean in an EAR's {@code lib/} observes the
 * start-up event once per module, so the job remembers that it has started.
 */
public final class Periodic {

  private final String name;
  private final Logger log;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile ScheduledFuture<?> schedule;

  /**
   * @param name what the job does, for the log ("pruning the dedup store")
   * @param log the logger of the class that owns the job
   */
  public Periodic(String name, Logger log) {
    this.name = Objects.requireNonNull(name);
    this.log = Objects.requireNonNull(log);
  }

  /**
   * Schedules {@code round} with a fixed delay, the first run after {@code firstRun}; does nothing
   * if this job was started before.
   *
   * @return whether this call started the job
   */
  public boolean start(
      ScheduledExecutorService scheduler, Duration firstRun, Duration interval, Runnable round) {
    if (interval.isZero() || interval.isNegative()) {
      throw new IllegalArgumentException(name + ": the interval must be positive, not " + interval);
    }
    if (!started.compareAndSet(false, true)) {
      return false;
    }
    schedule =
        scheduler.scheduleWithFixedDelay(
            () -> runGuarded(round, interval),
            firstRun.toMillis(),
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
    return true;
  }

  /** Whether {@link #start} has scheduled the job. */
  public boolean started() {
    return started.get();
  }

  /** Stops further rounds (a round already running finishes). */
  public void stop() {
    var s = schedule;
    if (s != null) {
      s.cancel(false);
    }
  }

  private void runGuarded(Runnable round, Duration interval) {
    try {
      round.run();
    } catch (RuntimeException e) {
      log.log(
          Level.WARNING,
          e,
          () -> name + " failed; next round in " + interval.toMillis() + " ms: " + e);
    }
  }
}
