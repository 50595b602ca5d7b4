package dev.keystone.outbox.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbox table in memory, with the semantics the relay and the sweeper rely on from PostgreSQL:
 * row locks held until the transaction ends ({@code SKIP LOCKED} skips them), marks that nobody
 * else sees before the commit, a claim only of the oldest unpublished version of an aggregate, due
 * heads by age and back-off, and the back-off of {@link OutboxStore#markFailed}'s statement.
 */
final class FakeOutbox implements RelayStore {

  /** A row's committed (or one transaction's pending) state. */
  record State(boolean published, int attempts, String lastError, long nextAttemptAt) {}

  /** One failed attempt as the store was told about it. */
  record Failure(UUID eventId, String error, Duration backoff, Duration max) {}

  private static final class Row {
    final OutboxRecord record;
    final long createdAt;
    State state = new State(false, 0, null, 0);
    FakeTx lockedBy;

    Row(OutboxRecord record, long createdAt) {
      this.record = record;
      this.createdAt = createdAt;
    }
  }

  private final TestClock clock;
  private final Map<UUID, Row> rows = new LinkedHashMap<>();

  /** The ids each claiming statement was given, in order. */
  final List<List<UUID>> claims = new CopyOnWriteArrayList<>();

  final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch paused = new CountDownLatch(0);
  private final AtomicInteger waiting = new AtomicInteger();

  FakeOutbox(TestClock clock) {
    this.clock = clock;
  }

  /** Commits a row, as the writer's transaction does, at the clock's time. */
  synchronized void insert(OutboxRecord record) {
    rows.put(record.eventId(), new Row(record, clock.millis()));
  }

  /** Makes {@link #begin} wait until {@link #resume}: the database is slow. */
  void pause() {
    paused = new CountDownLatch(1);
  }

  void resume() {
    paused.countDown();
  }

  /** How many callers wait in {@link #begin} for {@link #resume}. */
  int waiting() {
    return waiting.get();
  }

  synchronized State state(UUID eventId) {
    return rows.get(eventId).state;
  }

  synchronized boolean published(UUID eventId) {
    return rows.get(eventId).state.published();
  }

  /** Rows some transaction still holds. */
  synchronized long locked() {
    return rows.values().stream().filter(r -> r.lockedBy != null).count();
  }

  /** A committed row and its state (the stuck-row port's view). */
  record Snapshot(OutboxRecord record, long createdAt, State state) {}

  /** The committed rows, oldest first. */
  synchronized List<Snapshot> snapshot() {
    return rows.values().stream()
        .sorted(Comparator.comparingLong(r -> r.createdAt))
        .map(r -> new Snapshot(r.record, r.createdAt, r.state))
        .toList();
  }

  /**
   * Locks one row for {@code tx} without waiting, as {@code FOR UPDATE} with a short lock timeout:
   * its state as {@code tx} sees it, null if there is no such row.
   */
  synchronized Snapshot lockRow(Tx tx, UUID eventId) throws SQLException {
    var row = rows.get(eventId);
    if (row == null) {
      return null;
    }
    if (!lock(row, tx(tx))) {
      throw new SQLException("lock timeout", "55P03");
    }
    return new Snapshot(row.record, row.createdAt, view(row, tx));
  }

  /** Sets a row's state in {@code tx}. */
  synchronized void set(Tx tx, UUID eventId, State state) {
    tx(tx).pending.put(eventId, state);
  }

  @Override
  public Tx begin() throws SQLException {
    waiting.incrementAndGet();
    try {
      paused.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    } finally {
      waiting.decrementAndGet();
    }
    return new FakeTx();
  }

  @Override
  public synchronized Set<UUID> claimNext(Tx tx, Collection<UUID> eventIds) {
    claims.add(List.copyOf(eventIds));
    var claimed = new LinkedHashSet<UUID>();
    for (var id : eventIds) {
      var row = rows.get(id);
      if (row == null || !lock(row, tx(tx))) {
        continue; // skip locked
      }
      if (!view(row, tx).published() && olderPublished(row, tx)) {
        change(tx, row, view(row, tx), true);
        claimed.add(id);
      }
    }
    return claimed;
  }

  @Override
  public synchronized List<OutboxRecord> lockDueChains(Tx tx, Duration minAge, int limit)
      throws SQLException {
    long now = clock.millis();
    var heads =
        rows.values().stream()
            .filter(r -> !view(r, tx).published() && r.createdAt < now - minAge.toMillis())
            .filter(r -> view(r, tx).nextAttemptAt() <= now && olderPublished(r, tx))
            .filter(r -> r.lockedBy == null || r.lockedBy == tx)
            .sorted(Comparator.comparingLong(r -> r.createdAt))
            .limit(limit)
            .toList();
    var locked = new ArrayList<OutboxRecord>();
    for (var head : heads) {
      lock(head, tx(tx));
      var chain =
          rows.values().stream()
              .filter(r -> sameAggregate(r, head) && !view(r, tx).published())
              .filter(r -> r.record.aggregateVersion() >= head.record.aggregateVersion())
              .sorted(Comparator.comparingLong(r -> r.record.aggregateVersion()))
              .toList();
      for (var row : chain) {
        while (!lock(row, tx(tx))) {
          awaitUnlock(); // FOR UPDATE waits for the holder's commit or rollback
        }
        locked.add(row.record);
      }
    }
    return locked;
  }

  @Override
  public synchronized void markPublished(Tx tx, Collection<UUID> eventIds) {
    eventIds.forEach(id -> change(tx, rows.get(id), view(rows.get(id), tx), true));
  }

  @Override
  public synchronized void markFailed(
      Tx tx, UUID eventId, String error, Duration backoff, Duration max) {
    failures.add(new Failure(eventId, error, backoff, max));
    var row = rows.get(eventId);
    var before = view(row, tx);
    long wait = Math.min(backoff.toMillis() << Math.min(before.attempts(), 20), max.toMillis());
    tx(tx)
        .pending
        .put(eventId, new State(false, before.attempts() + 1, error, clock.millis() + wait));
  }

  @Override
  public synchronized void unclaim(Tx tx, Collection<UUID> eventIds) {
    eventIds.forEach(id -> change(tx, rows.get(id), view(rows.get(id), tx), false));
  }

  private static FakeTx tx(Tx tx) {
    return (FakeTx) tx;
  }

  private State view(Row row, Tx tx) {
    return tx(tx).pending.getOrDefault(row.record.eventId(), row.state);
  }

  private static void change(Tx tx, Row row, State state, boolean published) {
    tx(tx)
        .pending
        .put(
            row.record.eventId(),
            new State(published, state.attempts(), state.lastError(), state.nextAttemptAt()));
  }

  /** Locks the row for {@code tx}; false if another transaction holds it. */
  private static boolean lock(Row row, FakeTx tx) {
    if (row.lockedBy != null && row.lockedBy != tx) {
      return false;
    }
    row.lockedBy = tx;
    return true;
  }

  private static boolean sameAggregate(Row a, Row b) {
    return a.record.aggregateKey().equals(b.record.aggregateKey());
  }

  /** Whether the nearest older version of the row's aggregate, if any, is published. */
  private boolean olderPublished(Row row, Tx tx) {
    return rows.values().stream()
        .filter(r -> sameAggregate(r, row))
        .filter(r -> r.record.aggregateVersion() < row.record.aggregateVersion())
        .max(Comparator.comparingLong(r -> r.record.aggregateVersion()))
        .map(r -> view(r, tx).published())
        .orElse(true);
  }

  private void awaitUnlock() throws SQLException {
    try {
      wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted", e);
    }
  }

  private synchronized void end(FakeTx tx, boolean commit) {
    if (commit) {
      tx.pending.forEach((id, state) -> rows.get(id).state = state);
    }
    tx.pending.clear();
    rows.values().stream().filter(r -> r.lockedBy == tx).forEach(r -> r.lockedBy = null);
    notifyAll();
  }

  /** A transaction: its pending states and, through the rows, its locks. */
  private final class FakeTx implements Tx {
    final Map<UUID, State> pending = new HashMap<>();

    @Override
    public void commit() {
      end(this, true);
    }

    @Override
    public void rollback() {
      end(this, false);
    }

    @Override
    public void close() {
      end(this, false);
    }
  }
}
