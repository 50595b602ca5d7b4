package dev.keystone.platform.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseBreakerTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final DatabaseBreaker breaker = new DatabaseBreaker(3, 500, now::get);

  @Test
  void closedLetsEveryCallThrough() {
    assertThat(breaker.tryEnter()).isTrue();
    assertThat(breaker.tryEnter()).isTrue();
    breaker.answered();
    assertThat(breaker.isOpen()).isFalse();
  }

  @Test
  void oneOrTwoFailuresInARowDoNotOpenIt() {
    breaker.unreachable();
    breaker.unreachable();
    assertThat(breaker.isOpen()).isFalse();
    breaker.answered();
    breaker.unreachable();
    breaker.unreachable();
    assertThat(breaker.tryEnter()).isTrue();
    breaker.unreachable();
    assertThat(breaker.isOpen()).as("the third in a row").isTrue();
  }

  @Test
  void anUnreachableDatabaseRefusesCallsUntilTheTrial() {
    openIt();
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
    openIt();
    now.addAndGet(500);
    assertThat(breaker.tryEnter()).isTrue();
    breaker.answered();
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.tryEnter()).isTrue();
    assertThat(breaker.tryEnter()).isTrue();
  }

  @Test
  void aFailedTrialOpensItAgainForAnotherPeriod() {
    openIt();
    now.addAndGet(500);
    assertThat(breaker.tryEnter()).isTrue();
    breaker.unreachable();
    assertThat(breaker.tryEnter()).isFalse();
    now.addAndGet(499);
    assertThat(breaker.tryEnter()).isFalse();
    now.addAndGet(1);
    assertThat(breaker.tryEnter()).as("the next trial").isTrue();
  }

  private void openIt() {
    for (int i = 0; i < 3; i++) {
      breaker.unreachable();
    }
  }
}
