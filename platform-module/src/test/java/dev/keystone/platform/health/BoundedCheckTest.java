package dev.keystone.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BoundedCheckTest {

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger runs = new AtomicInteger();

  /** A check that hangs, as a JDBC call to a frozen database does, until released. */
  private final HealthCheck hanging =
      () -> {
        runs.incrementAndGet();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return HealthCheckResponse.up("postgresql");
      };

  @BeforeAll
  static void responses() {
    PlainResponses.install();
  }

  @AfterEach
  void stop() {
    release.countDown();
    executor.shutdownNow();
  }

  @Test
  void aHangingCheckThatDecidesReadinessIsDownByItsDeadline() {
    var check = BoundedCheck.downWhenLate("postgresql", hanging, Duration.ofMillis(100), executor);
    long start = System.nanoTime();
    var response = check.call();
    long tookMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(response.getName()).isEqualTo("postgresql");
    assertThat(tookMs).isBetween(100L, 2_000L);
  }

  @Test
  void aHangingCheckThatOnlyReportsStaysUp() {
    var check = BoundedCheck.upWhenLate("kafka", hanging, Duration.ofMillis(50), executor);
    var response = check.call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData())
        .hasValueSatisfying(d -> assertThat(d).containsEntry("answered", false));
  }

  @Test
  void callersWaitForTheRunInFlightInsteadOfStartingMore() {
    var check = BoundedCheck.downWhenLate("postgresql", hanging, Duration.ofMillis(200), executor);
    for (int i = 0; i < 5; i++) {
      assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    }
    assertThat(runs).hasValue(1);
    release.countDown();
    // the run in flight now answers well within the deadline, and that answer is passed on
    assertThat(check.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void aFailingCheckThatDecidesReadinessIsDown() {
    HealthCheck failing =
        () -> {
          throw new IllegalStateException("refused");
        };
    var response =
        BoundedCheck.downWhenLate("postgresql", failing, Duration.ofSeconds(1), executor).call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
  }

  @Test
  void anAnswerInTimeIsPassedOn() {
    HealthCheck quick = () -> HealthCheckResponse.named("redis").up().withData("x", 1).build();
    var response = BoundedCheck.upWhenLate("redis", quick, Duration.ofSeconds(1), executor).call();
    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(response.getData()).hasValueSatisfying(d -> assertThat(d).containsEntry("x", 1L));
  }
}
