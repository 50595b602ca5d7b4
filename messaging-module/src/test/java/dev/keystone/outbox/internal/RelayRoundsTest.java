package dev.keystone.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelayRoundsTest {

  private static OutboxRecord event(String aggregate, long version) {
    return new OutboxRecord(
        UUID.randomUUID(), "product", aggregate, version, "keystone.product", "{}");
  }

  private static List<String> labels(List<OutboxRecord> round) {
    return round.stream().map(r -> r.aggregateId() + "v" + r.aggregateVersion()).toList();
  }

  @Test
  void distinctAggregatesGoInOneRound() {
    var batch = List.of(event("1", 1), event("2", 1), event("3", 4));

    var rounds = RelayRounds.of(batch);

    assertEquals(1, rounds.size());
    assertEquals(batch, rounds.get(0));
  }

  @Test
  void laterVersionsOfAnAggregateWaitForTheNextRound() {
    var batch = List.of(event("1", 1), event("2", 1), event("1", 2), event("1", 3), event("2", 2));

    var rounds = RelayRounds.of(batch).stream().map(RelayRoundsTest::labels).toList();

    assertEquals(List.of(List.of("1v1", "2v1"), List.of("1v2", "2v2"), List.of("1v3")), rounds);
  }

  @Test
  void versionsQueuedOutOfOrderAreSentInVersionOrder() {
    var batch = List.of(event("7", 3), event("7", 1), event("7", 2));

    var rounds = RelayRounds.of(batch).stream().map(RelayRoundsTest::labels).toList();

    assertEquals(List.of(List.of("7v1"), List.of("7v2"), List.of("7v3")), rounds);
  }

  @Test
  void sameIdOfAnotherAggregateTypeIsAnotherAggregate() {
    var product = event("5", 1);
    var order = new OutboxRecord(UUID.randomUUID(), "order", "5", 1, "keystone.order", "{}");

    var rounds = RelayRounds.of(List.of(product, order));

    assertEquals(List.of(List.of(product, order)), rounds);
  }

  @Test
  void noRoundHoldsTwoEventsOfOneAggregate() {
    var batch = new java.util.ArrayList<OutboxRecord>();
    for (int i = 0; i < 200; i++) {
      batch.add(event("" + (i % 7), i / 7 + 1));
    }
    java.util.Collections.shuffle(batch, new java.util.Random(42));

    var rounds = RelayRounds.of(batch);

    assertEquals(200, rounds.stream().mapToInt(List::size).sum());
    for (var round : rounds) {
      assertEquals(round.size(), round.stream().map(OutboxRecord::aggregateKey).distinct().count());
    }
    for (int r = 1; r < rounds.size(); r++) {
      for (var later : rounds.get(r)) {
        assertTrue(
            rounds.get(r - 1).stream()
                .anyMatch(
                    e ->
                        e.aggregateKey().equals(later.aggregateKey())
                            && e.aggregateVersion() < later.aggregateVersion()),
            "the version before " + later + " is in the round before");
      }
    }
  }

  @Test
  void twoCopiesOfOneVersionAreBothSentOneRoundApart() {
    // a type published in two schema versions during a deprecation window (docs/events.md): one
    // change, two events of the same aggregate version
    var batch = List.of(event("5", 1), event("5", 2), event("5", 2), event("5", 3));

    var rounds = RelayRounds.of(batch).stream().map(RelayRoundsTest::labels).toList();

    assertEquals(List.of(List.of("5v1"), List.of("5v2"), List.of("5v2"), List.of("5v3")), rounds);
  }
}
