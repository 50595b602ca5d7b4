package dev.keystone.consumerkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.keystone.consumerkit.internal.DeadLetters;
import dev.keystone.consumerkit.internal.KitSchema;
import dev.keystone.consumerkit.internal.KitTransactions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer kit's decisions against in-memory tables (docs/consumers.md, "The consumer kit"):
 * dedup, the version guard, retries, parking per key and replay; every message acknowledged, none
 * nacked.
 */
class ConsumerKitTest {

  /** What the dead-letter topic received: key, attempts and the error. */
  record DeadLetter(String key, int attempts, String error) {}

  private final FakeKitDatabase database = new FakeKitDatabase();
  private final KitTransactions transactions =
      new KitTransactions(database, database, database, database);
  private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
  private final List<TestMessage> delivered = new ArrayList<>();
  private final List<String> counted = new CopyOnWriteArrayList<>();
  private final ConsumerKit kit = new ConsumerKit();
  private final AggregateVersions versions = new AggregateVersions();
  private ProjectionEffect projection;
  private ProjectionEffect audit;
  private long offset;

  @BeforeEach
  void wire() {
    kit.transactions = transactions;
    kit.deadLetters =
        (consumer, record, error, attempts) ->
            deadLetters.add(new DeadLetter(record.key(), attempts, DeadLetters.describe(error)));
    kit.schema =
        new KitSchema() {
          @Override
          public void ensureMigrated() {
            // the in-memory tables need no migration
          }
        };
    kit.counters = (consumer, outcome) -> counted.add(consumer + " " + outcome);
    kit.maxAttempts = 3;
    kit.backoffMillis = 0;
    versions.store = database;
    projection = new ProjectionEffect("projection", database, versions);
    audit = new ProjectionEffect("audit", database, null);
  }

  /** Delivers one record to the kit, as the connector does, and returns its message. */
  private TestMessage deliver(EventEffect effect, String key, String value) {
    var message = new TestMessage("keystone.product", offset++, key, value);
    delivered.add(message);
    kit.handle(effect, message).toCompletableFuture().join();
    return message;
  }

  private TestMessage deliver(EventEffect effect, UUID id, String product, long version) {
    return deliver(effect, product, TestMessage.event(id, product, version));
  }

  /** Every message handed to the kit was acknowledged once and none nacked. */
  private void assertEveryMessageAcknowledged() {
    assertThat(delivered).allMatch(m -> m.acks.get() == 1 && m.nacks.get() == 0);
  }

  @Test
  void theSameEventTwiceIsAppliedOnceAndBothDeliveriesAreAcknowledged() {
    var first = UUID.randomUUID();

    deliver(audit, first, "a", 1);
    deliver(audit, UUID.randomUUID(), "a", 2);
    deliver(audit, first, "a", 1); // redelivered after a rebalance

    assertThat(database.effects()).containsExactly("av1", "av2");
    assertThat(audit.calls).hasValue(2);
    assertThat(counted).containsExactly("audit APPLIED", "audit APPLIED", "audit DUPLICATE");
    assertEveryMessageAcknowledged();
  }

  @Test
  void aFailedAttemptRollsBackItsDedupRowSoTheRetryApplies() {
    var id = UUID.randomUUID();
    projection.failOnce(id);

    deliver(projection, id, "a", 1);

    assertThat(projection.calls).as("one failed attempt, one that committed").hasValue(2);
    assertThat(database.effects()).containsExactly("av1");
    assertThat(deadLetters).isEmpty();
    assertEveryMessageAcknowledged();
  }

  @Test
  void lockWaitsThatPostgresEndedAreNotAttemptsAndNeverDeadLetter() {
    var id = UUID.randomUUID();
    projection.lockTimesOut(id, 5); // more than max-attempts (3)

    deliver(projection, id, "a", 1);

    assertThat(projection.calls)
        .as("five lock timeouts, then the attempt that committed")
        .hasValue(6);
    assertThat(database.effects()).containsExactly("av1");
    assertThat(deadLetters).isEmpty();
    assertThat(counted).containsExactly("projection APPLIED");
    assertEveryMessageAcknowledged();
  }

  @Test
  void anOlderVersionAfterANewerOneIsAcknowledgedButNotApplied() {
    deliver(projection, UUID.randomUUID(), "a", 2);
    deliver(projection, UUID.randomUUID(), "a", 1); // delivered late
    deliver(projection, UUID.randomUUID(), "b", 1); // the guard is per aggregate
    deliver(projection, UUID.randomUUID(), "a", 3);

    assertThat(database.effects()).containsExactly("av2", "bv1", "av3");
    assertEveryMessageAcknowledged();
  }

  @Test
  void aPoisonMessageIsDeadLetteredAndParksItsKeyWhileOtherKeysFlow() {
    var a1 = UUID.randomUUID();
    var a2 = UUID.randomUUID();
    projection.poison(a1);

    deliver(projection, a1, "a", 1);
    deliver(projection, a2, "a", 2);
    deliver(projection, UUID.randomUUID(), "b", 1);
    deliver(projection, a2, "a", 2); // a parked event redelivered is parked once

    assertThat(projection.calls).as("three attempts at a1, none at a2, one at b1").hasValue(4);
    assertThat(deadLetters)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.key()).isEqualTo("a");
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.error())
                  .endsWith("cause: java.sql.SQLException: new row violates check constraint");
            });
    assertThat(database.parked("a"))
        .extracting(ParkedMessage::eventId, ParkedMessage::deadLettered)
        .containsExactly(tuple(a1, true), tuple(a2, false));
    assertThat(database.parked("a").get(0).error()).contains("check constraint");
    assertThat(database.effects()).as("nothing of a, b as usual").containsExactly("bv1");
    assertThat(counted)
        .containsExactly(
            "projection DEAD_LETTERED",
            "projection PARKED",
            "projection APPLIED",
            "projection PARKED");
    assertEveryMessageAcknowledged();
  }

  @Test
  void aReplayAppliesTheParkedKeyInOrderOnceTheCauseIsFixed() {
    var a1 = UUID.randomUUID();
    projection.poison(a1);
    deliver(projection, a1, "a", 1);
    deliver(projection, UUID.randomUUID(), "a", 2);
    var replays = new Replays();
    replays.transactions = transactions;

    var failed = replays.replay(projection, "a");

    assertThat(failed.error()).contains("check constraint");
    assertThat(failed.applied()).isZero();
    assertThat(database.parked("a")).hasSize(2);

    projection.cure();
    var replayed = replays.replay(projection, "a");

    assertThat(replayed).isEqualTo(new Replays.Result(2, 0, null));
    assertThat(database.parked("a")).isEmpty();
    deliver(projection, UUID.randomUUID(), "a", 3); // the key flows again
    assertThat(database.effects()).containsExactly("av1", "av2", "av3");
    assertEveryMessageAcknowledged();
  }

  @Test
  void aMalformedRecordIsDeadLetteredAtOnceAndParksItsKey() {
    deliver(projection, "x", "not a CloudEvent");
    deliver(projection, UUID.randomUUID(), "x", 1);

    assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.attempts()).isOne());
    assertThat(database.parked("x"))
        .extracting(ParkedMessage::deadLettered)
        .containsExactly(true, false);
    assertThat(projection.calls).hasValue(0);
    assertEveryMessageAcknowledged();
  }

  @Test
  void anEventOfASchemaVersionTheConsumerDoesNotReadIsAcknowledgedWithoutEffect() {
    var v2 =
        TestMessage.event(UUID.randomUUID(), "a", 1)
            .replace(
                "}}",
                "}," + "\"dataschema\":\"urn:keystone:schema:dev.keystone.product.changed:v2\"}");
    var v1 =
        TestMessage.event(UUID.randomUUID(), "a", 1)
            .replace(
                "}}",
                "}," + "\"dataschema\":\"urn:keystone:schema:dev.keystone.product.changed:v1\"}");
    var unversioned = TestMessage.event(UUID.randomUUID(), "a", 2);

    deliver(audit, "a", v2); // the other version's copy of a change: for other consumers
    deliver(audit, "a", v1); // the copy this consumer reads
    deliver(audit, "a", unversioned); // published before versions were stated: version 1

    assertThat(database.effects()).containsExactly("av1", "av2");
    assertThat(deadLetters).isEmpty();
    assertThat(database.parked("a")).isEmpty();
    assertEveryMessageAcknowledged();
  }
}
