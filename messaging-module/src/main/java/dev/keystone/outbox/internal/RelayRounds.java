package dev.keystone.outbox.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Splits a batch the relay took off its queue into rounds of at most one event per aggregate, in
 * version order (docs/architecture.md §5.4: events of one aggregate in order). Round {@code i}
 * holds the {@code i}-th lowest version of each aggregate in the batch; the relay sends a round,
 * waits for every ack and commits the marks before it locks the next round, so version N+1 is
 * locked (and sent) only once version N is published. Sorting by version also undoes a race of two
 * request threads whose after-commit observers queued N+1 before N.
 */
final class RelayRounds {

  private RelayRounds() {}

  /** The rounds of {@code batch}; aggregates keep the order of their first event in the batch. */
  static List<List<OutboxRecord>> of(List<OutboxRecord> batch) {
    var byAggregate = new LinkedHashMap<String, List<OutboxRecord>>();
    for (var record : batch) {
      byAggregate.computeIfAbsent(record.aggregateKey(), k -> new ArrayList<>()).add(record);
    }
    var rounds = new ArrayList<List<OutboxRecord>>();
    for (var events : byAggregate.values()) {
      events.sort(Comparator.comparingLong(OutboxRecord::aggregateVersion));
      for (int i = 0; i < events.size(); i++) {
        if (rounds.size() == i) {
          rounds.add(new ArrayList<>());
        }
        rounds.get(i).add(events.get(i));
      }
    }
    return rounds;
  }
}
