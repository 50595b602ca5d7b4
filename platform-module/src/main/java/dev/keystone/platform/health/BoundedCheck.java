package dev.keystone.platform.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A readiness check with a hard deadline: {@code /health/ready} answers in time even when what it
 * checks hangs (a frozen PostgreSQL keeps a JDBC call waiting for its socket timeout). The check
 * runs on {@code executor}; a caller waits for it at most {@code deadline}, then gets the late
 * answer: DOWN for a check that decides readiness, UP with {@code answered=false} for one that only
 * reports. At most one run of the check is in flight: while one hangs, later callers wait for that
 * same run instead of piling up threads behind it.
 */
public final class BoundedCheck implements HealthCheck {

  private final String name;
  private final HealthCheck check;
  private final Duration deadline;
  private final boolean decidesReadiness;
  private final ExecutorService executor;
  private Future<HealthCheckResponse> inFlight;

  private BoundedCheck(
      String name,
      HealthCheck check,
      Duration deadline,
      boolean decidesReadiness,
      ExecutorService executor) {
    this.name = name;
    this.check = check;
    this.deadline = deadline;
    this.decidesReadiness = decidesReadiness;
    this.executor = executor;
  }

  /** A check whose late answer is DOWN: the server is not ready without what it checks. */
  public static BoundedCheck downWhenLate(
      String name, HealthCheck check, Duration deadline, ExecutorService executor) {
    return new BoundedCheck(name, check, deadline, true, executor);
  }

  /** A check that never makes the server unready; late, it answers UP and says so. */
  public static BoundedCheck upWhenLate(
      String name, HealthCheck check, Duration deadline, ExecutorService executor) {
    return new BoundedCheck(name, check, deadline, false, executor);
  }

  @Override
  public HealthCheckResponse call() {
    try {
      return run().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return late("no answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      return late(String.valueOf(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return late("interrupted");
    }
  }

  private synchronized Future<HealthCheckResponse> run() {
    if (inFlight == null || inFlight.isDone()) {
      inFlight = executor.submit(check::call);
    }
    return inFlight;
  }

  private HealthCheckResponse late(String why) {
    var response = HealthCheckResponse.named(name).withData("answered", false);
    return (decidesReadiness ? response.down().withData("error", why) : response.up()).build();
  }
}
