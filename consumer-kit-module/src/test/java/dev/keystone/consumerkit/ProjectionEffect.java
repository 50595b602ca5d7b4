package dev.keystone.consumerkit;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consumer's effect on its own table in the {@link FakeKitDatabase}: records {@code <product>v<
 * version>} per applied event, guarded by {@link AggregateVersions} when it keeps current state (a
 * projection) and not when it appends every event (an audit log). Fails on the events the test
 * poisons.
 */
final class ProjectionEffect implements EventEffect {

  private final String consumer;
  private final FakeKitDatabase database;
  private final AggregateVersions versions;
  private final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();
  private final Set<UUID> failingOnce = ConcurrentHashMap.newKeySet();
  private final java.util.Map<UUID, AtomicInteger> lockTimeouts = new ConcurrentHashMap<>();
  final AtomicInteger calls = new AtomicInteger();

  /** {@code versions} null: no version guard. */
  ProjectionEffect(String consumer, FakeKitDatabase database, AggregateVersions versions) {
    this.consumer = consumer;
    this.database = database;
    this.versions = versions;
  }

  /** Every attempt at this event fails, until {@link #cure}. */
  void poison(UUID eventId) {
    poisoned.add(eventId);
  }

  void cure() {
    poisoned.clear();
  }

  /** The first attempt at this event fails, later ones succeed. */
  void failOnce(UUID eventId) {
    failingOnce.add(eventId);
  }

  /** The first {@code times} attempts at this event find its row locked past the lock timeout. */
  void lockTimesOut(UUID eventId, int times) {
    lockTimeouts.put(eventId, new AtomicInteger(times));
  }

  @Override
  public String consumer() {
    return consumer;
  }

  @Override
  public List<String> channels() {
    return List.of(consumer + "-channel");
  }

  @Override
  public void emptyProjection() {
    database.clearEffects();
  }

  @Override
  public void apply(ReceivedEvent event) throws SQLException {
    calls.incrementAndGet();
    var locked = lockTimeouts.get(event.id());
    if (locked != null && locked.getAndDecrement() > 0) {
      throw new SQLException("canceling statement due to lock timeout", "55P03");
    }
    if (versions != null && !versions.advance(consumer, event)) {
      return; // older than what the projection shows
    }
    database.applied(event.aggregateId() + "v" + event.aggregateVersion());
    if (poisoned.contains(event.id()) || failingOnce.remove(event.id())) {
      throw new SQLException("new row violates check constraint", "23514");
    }
  }
}
