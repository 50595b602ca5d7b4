package dev.keystone.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTest {

  private static final Logger LOG = Logger.getLogger(PeriodicTest.class.getName());
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  @AfterEach
  void shutDown() {
    scheduler.shutdownNow();
  }

  @Test
  void aFailingRoundDoesNotEndTheJob() {
    var rounds = new AtomicInteger();
    var job = new Periodic("failing job", LOG);
    job.start(
        scheduler,
        Duration.ZERO,
        Duration.ofMillis(5),
        () -> {
          rounds.incrementAndGet();
          throw new IllegalStateException("the database is away");
        });

    await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 3);
  }

  @Test
  void startsOnceHoweverOftenItIsStarted() {
    var rounds = new AtomicInteger();
    var job = new Periodic("counting job", LOG);

    assertThat(job.start(scheduler, Duration.ZERO, Duration.ofHours(1), rounds::incrementAndGet))
        .isTrue();
    assertThat(job.start(scheduler, Duration.ZERO, Duration.ofHours(1), rounds::incrementAndGet))
        .isFalse();

    await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 1);
    // an hour-long interval: a second schedule would have run its first round at once as well
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(1))
        .until(() -> rounds.get() == 1);
    assertThat(job.started()).isTrue();
  }

  @Test
  void stopEndsTheRounds() {
    var rounds = new AtomicInteger();
    var job = new Periodic("stopped job", LOG);
    job.start(scheduler, Duration.ZERO, Duration.ofMillis(5), rounds::incrementAndGet);
    await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 2);

    job.stop();
    int afterStop = rounds.get();

    await()
        .during(Duration.ofMillis(100))
        .atMost(Duration.ofSeconds(1))
        .until(() -> rounds.get() <= afterStop + 1);
  }

  @Test
  void refusesAnIntervalThatIsNotPositive() {
    var job = new Periodic("bad job", LOG);
    assertThatThrownBy(() -> job.start(scheduler, Duration.ZERO, Duration.ZERO, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad job");
    assertThat(job.started()).isFalse();
  }
}
