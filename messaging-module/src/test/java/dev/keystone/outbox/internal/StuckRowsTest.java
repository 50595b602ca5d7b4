package dev.keystone.outbox.internal;

import static dev.keystone.outbox.internal.RelayFixture.MAX_BACKOFF_MS;
import static dev.keystone.outbox.internal.RelayFixture.SWEEP_DELAY_MS;
import static dev.keystone.outbox.internal.RelayFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keystone.outbox.StuckRows;
import dev.keystone.outbox.StuckRows.Refusal;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stuck-row tools against the in-memory outbox and broker, with the sweeper that publishes
 * (docs/outbox.md, "Stuck rows"): a row the broker refuses for good is listed once it failed the
 * threshold's number of times, with the versions waiting behind it; a skip records who and why,
 * never sends the row again and lets the later versions go in order; a retry ends the back-off; and
 * every operation on a row that is not stuck is refused.
 */
class StuckRowsTest {

  private static final int THRESHOLD = 3;
  private static final long SWEEP_INTERVAL_MS = 1000;
  private static final String TOO_LARGE = "java.lang.IllegalStateException: broker away";

  private final RelayFixture fx = new RelayFixture();
  private final FakeStuckStore store = new FakeStuckStore(fx.outbox, fx.clock);
  private final OutboxStuckRows tools = new OutboxStuckRows();
  private final OutboxRecord a1 = event("a", 1);
  private final OutboxRecord a2 = event("a", 2);
  private final OutboxRecord a3 = event("a", 3);
  private final OutboxRecord b1 = event("b", 1);
  private OutboxSweeper sweeper;

  @BeforeEach
  void wire() {
    tools.store = store;
    tools.threshold = THRESHOLD;
    fx.start(200, 2);
    sweeper = fx.sweeper();
    fx.broker.failEvery(
        a1.eventId()); // refused for good, like a record larger than the topic takes
    fx.commit(a1, a2, a3, b1);
    fx.clock.advance(SWEEP_DELAY_MS + 1);
  }

  @AfterEach
  void stop() {
    fx.stop();
  }

  @Test
  void aRowIsListedAsStuckOnceItFailedTheThresholdsNumberOfTimes() throws Exception {
    failUntilAttempts(THRESHOLD - 1);
    assertThat(tools.list(10).rows()).isEmpty();
    assertThatThrownBy(() -> tools.skip(a1.eventId(), "alice", "too large"))
        .satisfies(e -> assertThat(((StuckRows.Refused) e).refusal()).isEqualTo(Refusal.NOT_STUCK));

    failUntilAttempts(THRESHOLD);

    var listing = tools.list(10);
    assertThat(listing.threshold()).isEqualTo(THRESHOLD);
    assertThat(listing.stuckRows()).isEqualTo(1);
    assertThat(listing.blockedAggregates()).isEqualTo(1);
    var row = listing.rows().get(0);
    assertThat(row.eventId()).isEqualTo(a1.eventId());
    assertThat(row.aggregateId()).isEqualTo("a");
    assertThat(row.attempts()).isEqualTo(THRESHOLD);
    assertThat(row.lastError()).isEqualTo(TOO_LARGE);
    assertThat(row.waitingBehind()).as("a2 and a3 wait behind a1").isEqualTo(2);
    assertThat(row.ageMs()).isPositive();
    assertThat(fx.outbox.published(b1.eventId())).as("other aggregates flow").isTrue();
    assertThat(tools.counts()).isEqualTo(new StuckStore.Counts(1, 1));
  }

  @Test
  void aSkippedRowIsRecordedNeverSentAgainAndTheLaterVersionsFollowInOrder() throws Exception {
    failUntilAttempts(THRESHOLD);
    assertThat(sweeper.sweep()).as("a1 backs off, b1 was sent long ago").isZero();

    var skip = tools.skip(a1.eventId(), "alice", "  larger than the topic accepts ");

    assertThat(skip.skippedBy()).isEqualTo("alice");
    assertThat(skip.reason()).isEqualTo("larger than the topic accepts");
    assertThat(skip.aggregateVersion()).isEqualTo(1);
    assertThat(skip.attempts()).isEqualTo(THRESHOLD);
    assertThat(store.skips).containsKey(a1.eventId());
    assertThat(sweeper.sweep()).as("a2 and a3, without waiting for a1's back-off").isEqualTo(2);
    assertThat(fx.broker.versionsSent("product:a"))
        .as("a1's failed attempts, then a2 and a3 in order; a1 never again")
        .containsExactly(1L, 1L, 1L, 2L, 3L);
    assertThat(fx.outbox.published(a3.eventId())).isTrue();
    assertThat(tools.list(10).stuckRows()).isZero();
    assertThat(tools.counts()).isEqualTo(new StuckStore.Counts(0, 0));
    assertRefused(() -> tools.skip(a1.eventId(), "bob", "again"), Refusal.ALREADY_SKIPPED);
    assertRefused(() -> tools.retry(a1.eventId()), Refusal.ALREADY_SKIPPED);
  }

  @Test
  void aRetryEndsTheBackOffSoTheNextSweepSendsTheRowAndItsSuccessors() throws Exception {
    failUntilAttempts(THRESHOLD);
    fx.broker.recover(); // the cause was fixed (the topic's limit raised, say)
    assertThat(sweeper.sweep()).as("a1 still backs off").isZero();

    var row = tools.retry(a1.eventId());

    assertThat(row.nextAttemptAt()).isNull();
    assertThat(row.attempts()).as("its history is kept").isEqualTo(THRESHOLD);
    assertThat(sweeper.sweep()).isEqualTo(3);
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L, 1L, 1L, 1L, 2L, 3L);
    assertRefused(() -> tools.retry(a1.eventId()), Refusal.ALREADY_PUBLISHED);
    assertThat(store.skips).isEmpty();
  }

  @Test
  void unknownRowsBlankReasonsAndHeldRowsAreRefusedAndChangeNothing() throws Exception {
    failUntilAttempts(THRESHOLD);

    assertRefused(() -> tools.retry(UUID.randomUUID()), Refusal.UNKNOWN_ROW);
    assertRefused(() -> tools.skip(UUID.randomUUID(), "alice", "why"), Refusal.UNKNOWN_ROW);
    assertRefused(() -> tools.skip(a1.eventId(), "alice", " "), Refusal.INVALID_REASON);
    assertRefused(() -> tools.skip(a1.eventId(), "alice", null), Refusal.INVALID_REASON);
    assertRefused(
        () -> tools.skip(a1.eventId(), "alice", "x".repeat(StuckRows.MAX_REASON_LENGTH + 1)),
        Refusal.INVALID_REASON);
    assertRefused(() -> tools.retry(a2.eventId()), Refusal.NOT_STUCK);
    try (var sweeping = fx.outbox.begin()) {
      fx.outbox.lockRow(sweeping, a1.eventId()); // a sweeper is sending it
      assertRefused(() -> tools.skip(a1.eventId(), "alice", "why"), Refusal.BUSY);
    }
    assertThat(fx.outbox.locked()).as("every refusal released its lock").isZero();
    assertThat(store.skips).isEmpty();
    assertThat(tools.list(10).rows())
        .extracting(StuckRows.Row::eventId)
        .containsExactly(a1.eventId());
  }

  /**
   * Sweeps once a second of the test's clock until a1 has failed {@code attempts} times; a1 then
   * backs off, the sweep that failed it being the last.
   */
  private void failUntilAttempts(int attempts) throws Exception {
    long deadline = fx.clock.millis() + attempts * MAX_BACKOFF_MS;
    while (true) {
      sweeper.sweep();
      if (fx.outbox.state(a1.eventId()).attempts() >= attempts) {
        break;
      }
      assertThat(fx.clock.millis()).as("a1 is retried after each back-off").isLessThan(deadline);
      fx.clock.advance(SWEEP_INTERVAL_MS);
    }
    assertThat(fx.outbox.state(a1.eventId()).attempts()).isEqualTo(attempts);
  }

  private static void assertRefused(Runnable call, Refusal refusal) {
    assertThatThrownBy(call::run)
        .isInstanceOf(StuckRows.Refused.class)
        .satisfies(e -> assertThat(((StuckRows.Refused) e).refusal()).isEqualTo(refusal));
  }
}
