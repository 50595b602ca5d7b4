package dev.keystone.outbox.internal;

import static dev.keystone.outbox.internal.RelayFixture.event;
import static dev.keystone.outbox.internal.RelayFixture.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fast path against an in-memory outbox and broker: which rows each round claims, and that an
 * aggregate's versions reach the broker in order (docs/outbox.md, "How a row travels").
 */
class OutboxRelayTest {

  private final RelayFixture fx = new RelayFixture();

  @AfterEach
  void stop() {
    fx.stop();
  }

  /** Queues rows while the worker waits for the database, so they form one batch. */
  private void publishAsOneBatch(OutboxRecord... records) {
    fx.outbox.pause();
    var first = event("first", 1);
    fx.publish(first);
    await().until(() -> fx.outbox.waiting() == 1); // the worker holds "first", alone
    fx.publish(records);
    fx.outbox.resume();
  }

  private void awaitPublished(OutboxRecord... records) {
    await()
        .untilAsserted(
            () -> assertThat(List.of(records)).allMatch(r -> fx.outbox.published(r.eventId())));
  }

  @Test
  void aBatchIsClaimedRoundByRoundOneRowPerAggregateInVersionOrder() {
    fx.start(200, 2);
    var a1 = event("a", 1);
    var a2 = event("a", 2);
    var a3 = event("a", 3);
    var b1 = event("b", 1);
    var c1 = event("c", 1);
    var c2 = event("c", 2);

    publishAsOneBatch(b1, a2, c1, a1, a3, c2); // a's versions queued out of order

    awaitPublished(a1, a2, a3, b1, c1, c2);
    assertThat(fx.outbox.claims.subList(1, fx.outbox.claims.size()))
        .containsExactly(ids(b1, a1, c1), ids(a2, c2), ids(a3));
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L, 2L, 3L);
    assertThat(fx.outbox.locked()).isZero();
  }

  @Test
  void aClaimHoldsAtMostOneBatchOfRows() {
    fx.start(4, 2);
    var rows = new ArrayList<OutboxRecord>();
    for (int i = 0; i < 10; i++) {
      rows.add(event("p" + i, 1));
    }

    publishAsOneBatch(rows.toArray(OutboxRecord[]::new));

    awaitPublished(rows.toArray(OutboxRecord[]::new));
    assertThat(fx.outbox.claims).map(List::size).containsExactly(1, 4, 4, 2);
    assertThat(fx.outbox.claims.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(11);
  }

  @Test
  void everyAggregateReachesTheBrokerInVersionOrderAcrossBatchesAndRounds() {
    fx.start(8, 2);
    fx.broker.ackAfterAtMostMillis(2); // acks land on other threads, in any order
    var random = new Random(7);
    long[] next = {1, 1, 1, 1, 1};
    int published = 0;
    while (published < 5 * 30) {
      int aggregate = random.nextInt(5);
      if (next[aggregate] <= 30) {
        fx.publish(event("p" + aggregate, next[aggregate]++));
        published++;
      }
    }

    await().until(() -> fx.broker.sent.get() == 150);
    for (int aggregate = 0; aggregate < 5; aggregate++) {
      assertThat(fx.broker.versionsSent("product:p" + aggregate))
          .as("every version of p%d once, in order, by the fast path alone", aggregate)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
    }
    await().until(() -> fx.outbox.locked() == 0);
    assertThat(fx.broker.failed.get()).isZero();
  }

  @Test
  void theNextVersionWaitsWhileThePreviousOneIsInTheAir() {
    fx.start(200, 4); // slots to spare: only a1 being in the air may hold a2 back
    var a1 = event("a", 1);
    fx.broker.holdAckOf(a1.eventId());
    var a2 = event("a", 2);
    var b1 = event("b", 1);

    fx.publish(a1);
    await().until(() -> fx.broker.holds(a1.eventId()));
    fx.publish(b1);
    // another aggregate is sent at once; its commit lands after a1's, in line on the landing thread
    await().until(() -> fx.broker.received.contains(b1));
    fx.publish(a2);

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> fx.broker.versionsSent("product:a").equals(List.of(1L)));
    assertThat(fx.outbox.published(a1.eventId())).as("nobody sees a mark before the ack").isFalse();

    fx.broker.ack(a1.eventId());

    awaitPublished(a1, b1, a2);
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L, 2L);
  }

  @Test
  void aVersionHandedOverBeforeItsPredecessorIsLeftToTheSweeperWhichKeepsTheOrder()
      throws Exception {
    fx.start(200, 2);
    var a1 = event("a", 1);
    var a2 = event("a", 2);
    fx.commit(a1, a2);

    fx.relay.publish(List.of(a2)); // a1's after-commit observer is late
    await().until(() -> fx.outbox.claims.size() == 1);
    fx.relay.publish(List.of(a1));
    awaitPublished(a1);

    assertThat(fx.outbox.published(a2.eventId())).as("the claim skipped a2").isFalse();
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L);
    await().until(() -> fx.outbox.locked() == 0);

    fx.clock.advance(RelayFixture.SWEEP_DELAY_MS + 1);
    assertThat(fx.sweeper().sweep()).isEqualTo(1);

    assertThat(fx.outbox.published(a2.eventId())).isTrue();
    assertThat(fx.broker.versionsSent("product:a")).containsExactly(1L, 2L);
  }

  @Test
  void stoppingWithAnAckOutstandingReleasesTheRowUnpublishedForTheSweeper() {
    fx.start(200, 2);
    var a1 = event("a", 1);
    fx.broker.holdAckOf(a1.eventId());
    fx.publish(a1);
    await().until(() -> fx.broker.holds(a1.eventId()));

    fx.stop();

    await().until(() -> fx.outbox.locked() == 0);
    assertThat(fx.outbox.state(a1.eventId()))
        .as("its fate is unknown: unclaimed, not counted as a failure")
        .isEqualTo(new FakeOutbox.State(false, 0, null, 0));
  }
}
