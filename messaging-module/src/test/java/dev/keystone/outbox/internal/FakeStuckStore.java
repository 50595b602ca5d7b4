package dev.keystone.outbox.internal;

import dev.keystone.outbox.StuckRows;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link StuckStore} on {@link FakeOutbox}: the same rows, locks and transactions the relay and the
 * sweeper use, so a skip or a retry meets them as on PostgreSQL. Skips are kept in {@link #skips}
 * (the {@code outbox_skipped} table).
 */
final class FakeStuckStore implements StuckStore {

  private final FakeOutbox outbox;
  private final TestClock clock;
  final Map<UUID, StuckRows.Skip> skips = new ConcurrentHashMap<>();
  private final Set<UUID> skipped = ConcurrentHashMap.newKeySet();

  FakeStuckStore(FakeOutbox outbox, TestClock clock) {
    this.outbox = outbox;
    this.clock = clock;
  }

  @Override
  public RelayStore.Tx begin() throws SQLException {
    return outbox.begin();
  }

  @Override
  public List<StuckRows.Row> stuck(int minAttempts, int limit) {
    var all = outbox.snapshot();
    return all.stream()
        .filter(s -> !s.state().published() && s.state().attempts() >= minAttempts)
        .limit(limit)
        .map(s -> row(s, all))
        .toList();
  }

  @Override
  public Counts counts(int minAttempts) {
    var stuck = stuck(minAttempts, Integer.MAX_VALUE);
    long aggregates =
        stuck.stream().map(r -> r.aggregateType() + ":" + r.aggregateId()).distinct().count();
    return new Counts(stuck.size(), aggregates);
  }

  @Override
  public Optional<Locked> lock(RelayStore.Tx tx, UUID eventId) throws SQLException {
    FakeOutbox.Snapshot s;
    try {
      s = outbox.lockRow(tx, eventId);
    } catch (SQLException e) {
      throw new StuckRows.Refused(StuckRows.Refusal.BUSY, e.getMessage());
    }
    return s == null
        ? Optional.empty()
        : Optional.of(
            new Locked(
                row(s, outbox.snapshot()), s.state().published(), skipped.contains(eventId)));
  }

  @Override
  public void resetBackoff(RelayStore.Tx tx, UUID eventId) throws SQLException {
    var state = outbox.lockRow(tx, eventId).state();
    outbox.set(
        tx,
        eventId,
        new FakeOutbox.State(state.published(), state.attempts(), state.lastError(), 0));
  }

  @Override
  public StuckRows.Skip skip(RelayStore.Tx tx, UUID eventId, String operator, String reason)
      throws SQLException {
    var s = outbox.lockRow(tx, eventId);
    var state = s.state();
    outbox.set(tx, eventId, new FakeOutbox.State(true, state.attempts(), state.lastError(), 0));
    var r = s.record();
    var skip =
        new StuckRows.Skip(
            eventId,
            "test.event",
            r.aggregateType(),
            r.aggregateId(),
            r.aggregateVersion(),
            state.attempts(),
            state.lastError(),
            operator,
            clock.instant(),
            reason);
    skipped.add(eventId);
    skips.put(eventId, skip);
    return skip;
  }

  private StuckRows.Row row(FakeOutbox.Snapshot s, List<FakeOutbox.Snapshot> all) {
    var r = s.record();
    long waiting =
        all.stream()
            .filter(o -> o.record().aggregateKey().equals(r.aggregateKey()))
            .filter(o -> o.record().aggregateVersion() > r.aggregateVersion())
            .filter(o -> !o.state().published())
            .count();
    return new StuckRows.Row(
        r.eventId(),
        "test.event",
        r.aggregateType(),
        r.aggregateId(),
        r.aggregateVersion(),
        s.state().attempts(),
        s.state().lastError(),
        Instant.ofEpochMilli(s.createdAt()),
        clock.millis() - s.createdAt(),
        s.state().nextAttemptAt() == 0 ? null : Instant.ofEpochMilli(s.state().nextAttemptAt()),
        waiting);
  }
}
