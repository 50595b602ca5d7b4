package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class DatabaseBulkheadTest {

  private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);

  @Test
  void aFreePermitIsTakenAtOnce() {
    var bulkhead = new DatabaseBulkhead(2, LONG_WAIT);
    assertThat(bulkhead.acquire(() -> true)).isTrue();
    assertThat(bulkhead.acquire(() -> true)).isTrue();
    assertThat(bulkhead.available()).isZero();
  }

  @Test
  void aWaiterGivesUpTheMomentTheBreakerOpens() {
    var bulkhead = new DatabaseBulkhead(1, LONG_WAIT);
    assertThat(bulkhead.acquire(() -> false)).isTrue();
    var open = new AtomicBoolean();
    var waiter = CompletableFuture.supplyAsync(() -> bulkhead.acquire(open::get));
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !waiter.isDone());

    open.set(true);

    await().atMost(Duration.ofSeconds(2)).until(waiter::isDone);
    assertThat(waiter.join()).as("refused, not admitted").isFalse();
    assertThat(bulkhead.available()).isZero();
  }

  @Test
  void aWaiterIsRefusedWhenItsWaitEnds() {
    var bulkhead = new DatabaseBulkhead(1, TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(bulkhead.acquire(() -> false)).isTrue();
    long start = System.nanoTime();
    assertThat(bulkhead.acquire(() -> false)).isFalse();
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Test
  void aReleasedPermitAdmitsTheWaiter() {
    var bulkhead = new DatabaseBulkhead(1, LONG_WAIT);
    assertThat(bulkhead.acquire(() -> false)).isTrue();
    var waiter = CompletableFuture.supplyAsync(() -> bulkhead.acquire(() -> false));
    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(5))
        .until(() -> !waiter.isDone());

    bulkhead.release();

    assertThat(waiter.orTimeout(5, TimeUnit.SECONDS).join()).isTrue();
  }
}
