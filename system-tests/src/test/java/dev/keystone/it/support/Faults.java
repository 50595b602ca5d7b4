package dev.keystone.it.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Sizes of the fault suite: the fast subset in {@code ./mvnw verify}, the full figures with {@code
 * -Pfaults} (which sets {@code keystone.faults.full}).
 */
public final class Faults {

  private Faults() {}

  /** True when the suite runs at full size. */
  public static boolean full() {
    return Boolean.getBoolean("keystone.faults.full");
  }

  /** {@code fast} in the everyday build, {@code full} in the fault suite. */
  public static int size(int fast, int full) {
    return full() ? full : fast;
  }

  /**
   * Waits until {@code length} has passed since {@code sinceNanos} (a {@link System#nanoTime()}),
   * checking all along that {@code fault} still holds (the broker still down, the process still
   * stopped).
   */
  public static void holdFault(long sinceNanos, Duration length, Callable<Boolean> fault) {
    var left = length.minusNanos(System.nanoTime() - sinceNanos);
    if (left.toMillis() < 10) {
      left = Duration.ofMillis(10);
    }
    await()
        .during(left)
        .atMost(left.plusSeconds(5))
        .pollInterval(Duration.ofMillis(200))
        .until(fault);
  }
}
