package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final DatabaseBreaker breaker = new DatabaseBreaker(500, now::get);

  @Test
  void closedLetsEveryCallThrough() {
    assertThat(breaker.tryEnter()).isTrue();
    assertThat(breaker.tryEnter()).isTrue();
    breaker.answered();
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void anUnreachableDatabaseRefusesCallsUntilTheTrial() {
    breaker.unreachable();
    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.tryEnter()).as("refused while open").isFalse();
    now.addAndGet(499);
    assertThat(breaker.tryEnter()).as("still open").isFalse();
    now.addAndGet(1);
    assertThat(breaker.tryEnter()).as("the trial").isTrue();
    assertThat(breaker.tryEnter()).as("one trial at a time").isFalse();
  }

  @Test
  void anAnsweredTrialClosesIt() {
    breaker.unreachable();
    now.addAndGet(500);
    assertThat(breaker.tryEnter()).isTrue();
    breaker.answered();
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.tryEnter()).isTrue();
    assertThat(breaker.tryEnter()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgainForAnotherPeriod() {
    breaker.unreachable();
    now.addAndGet(500);
    assertThat(breaker.tryEnter()).isTrue();
    breaker.unreachable();
    assertThat(breaker.tryEnter()).isFalse();
    now.addAndGet(499);
    assertThat(breaker.tryEnter()).isFalse();
    now.addAndGet(1);
    assertThat(breaker.tryEnter()).as("the next trial").isTrue();
  }
}
