package dev.keystone.outbox.internal;

import static dev.keystone.outbox.internal.RelayFixture.BACKOFF_MS;
import static dev.keystone.outbox.internal.RelayFixture.MAX_BACKOFF_MS;
import static dev.keystone.outbox.internal.RelayFixture.SWEEP_DELAY_MS;
import static dev.keystone.outbox.internal.RelayFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failed send against an in-memory outbox and broker: the row stays unpublished with its attempt
 * recorded, later versions of its aggregate wait behind it, the fast path stands aside, and the
 * sweeper retries the row once its back-off has passed (docs/outbox.md, "How a row travels").
 */
class OutboxRelayFailureTest {

  private static final String BROKER_AWAY = "java.lang.IllegalStateException: broker away";

  private final RelayFixture fx = new RelayFixture();

  @AfterEach
  void stop() {
    fx.stop();
  }

  @Test
  void aFailedRowStaysUnpublishedAndItsAggregateWaitsBehindItUntilTheSweeperRetriesIt()
      throws Exception {
    fx.start(200, 2);
    var a1 = event("a", 1);
    var a2 = event("a", 2);
    var b1 = event("b", 1);
    fx.broker.failEvery(a1.eventId());
    fx.publish(b1);
    await().until(() -> fx.outbox.published(b1.eventId())); // before a1 makes the relay stand aside

    fx.publish(a1, a2);

    await().until(() -> fx.outbox.state(a1.eventId()).attempts() == 1);
    await().until(() -> fx.outbox.locked() == 0);
    assertThat(fx.outbox.state(a1.eventId()))
        .isEqualTo(new FakeOutbox.State(false, 1, BROKER_AWAY, fx.clock.millis() + BACKOFF_MS));
    assertThat(fx.outbox.failures)
        .containsExactly(
            new FakeOutbox.Failure(
                a1.eventId(),
                BROKER_AWAY,
                Duration.ofMillis(BACKOFF_MS),
                Duration.ofMillis(MAX_BACKOFF_MS)));
    assertThat(fx.outbox.published(a2.eventId())).isFalse();
    assertThat(fx.broker.versionsSent("product:a")).as("a2 never overtakes a1").containsExactly(1L);
    assertThat(fx.broker.failed.get()).isEqualTo(1);

    fx.broker.recover();
    fx.clock.advance(BACKOFF_MS - 1);
    var sweeper = fx.sweeper();
    assertThat(sweeper.sweep()).as("a1 is backing off, a2 is not a head").isZero();
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L);

    fx.clock.advance(1);
    assertThat(sweeper.sweep()).isEqualTo(2);

    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L, 1L, 2L);
    assertThat(fx.outbox.published(a1.eventId())).isTrue();
    assertThat(fx.outbox.published(a2.eventId())).isTrue();
  }

  @Test
  void afterAFailureTheFastPathStandsAsideForTheBackOffThenTakesRowsAgain() throws Exception {
    fx.start(200, 2);
    var a1 = event("a", 1);
    fx.broker.failEvery(a1.eventId());
    fx.publish(a1);
    await().until(() -> fx.outbox.state(a1.eventId()).attempts() == 1);

    var c1 = event("c", 1);
    fx.publish(c1); // while standing aside: left to the sweeper
    fx.clock.advance(SWEEP_DELAY_MS + 100);
    assertThat(fx.sweeper().sweep()).as("the sweeper sends c1; a1 is backing off").isEqualTo(1);
    assertThat(fx.broker.received).containsExactly(a1, c1);

    fx.clock.advance(BACKOFF_MS - SWEEP_DELAY_MS - 100);
    var d1 = event("d", 1);
    fx.publish(d1); // the stand-aside is over

    await().until(() -> fx.outbox.published(d1.eventId()));
    assertThat(fx.broker.received).containsExactly(a1, c1, d1);
  }

  @Test
  void eachFailedAttemptDoublesTheRowsBackOffUpToTheMaximum() throws Exception {
    var a1 = event("a", 1);
    var a2 = event("a", 2);
    fx.commit(a1, a2);
    fx.broker.failEvery(a1.eventId());
    fx.clock.advance(SWEEP_DELAY_MS + 1);
    var sweeper = fx.sweeper();
    assertThat(sweeper.sweep()).isZero(); // the probe fails: the sweep ends

    var waits = new ArrayList<Long>();
    for (int attempt = 1; attempt <= 5; attempt++) {
      long failedAt = fx.clock.millis();
      long wait = fx.outbox.state(a1.eventId()).nextAttemptAt() - failedAt;
      waits.add(wait);
      int sends = fx.broker.received.size();
      fx.clock.advance(wait - 1);
      sweeper.sweep();
      assertThat(fx.broker.received).as("not retried before its back-off").hasSize(sends);
      fx.clock.advance(1);
      sweeper.sweep();
      assertThat(fx.broker.received).as("retried once it is due").hasSize(sends + 1);
    }

    assertThat(waits).containsExactly(1000L, 2000L, 4000L, 8000L, 10_000L);
    assertThat(fx.outbox.state(a1.eventId()).attempts()).isEqualTo(6);
    assertThat(fx.outbox.failures)
        .allMatch(f -> f.backoff().equals(Duration.ofMillis(BACKOFF_MS)))
        .allMatch(f -> f.max().equals(Duration.ofMillis(MAX_BACKOFF_MS)));
    assertThat(fx.broker.versionsSent("product:a")).as("a2 waits behind a1").containsOnly(1L);

    fx.broker.recover();
    fx.clock.advance(MAX_BACKOFF_MS);
    assertThat(sweeper.sweep()).isEqualTo(2);
    assertThat(fx.broker.versionsSent("product:a")).endsWith(1L, 2L);
  }

  @Test
  void aSendWhoseAckDoesNotComeInTimeCountsAsFailed() {
    fx.relay.ackTimeoutMillis = 100;
    fx.start(200, 2);
    var a1 = event("a", 1);
    fx.broker.holdAckOf(a1.eventId());

    fx.publish(a1);

    await().until(() -> fx.outbox.state(a1.eventId()).attempts() == 1);
    await().until(() -> fx.outbox.locked() == 0);
    assertThat(fx.outbox.state(a1.eventId()).lastError()).contains("TimeoutException");
    assertThat(fx.outbox.published(a1.eventId())).isFalse();
  }

  @Test
  void aBrokerThatFailsEverySendLeavesEveryRowUnpublishedAndNothingLocked() {
    fx.start(200, 2);
    fx.broker.goDown();
    var rows = List.of(event("a", 1), event("b", 1), event("c", 1));

    fx.publish(rows.toArray(OutboxRecord[]::new));

    await().until(() -> fx.outbox.locked() == 0 && !fx.outbox.failures.isEmpty());
    assertThat(rows).noneMatch(r -> fx.outbox.published(r.eventId()));
    assertThat(fx.broker.sent.get()).isZero();
  }
}
