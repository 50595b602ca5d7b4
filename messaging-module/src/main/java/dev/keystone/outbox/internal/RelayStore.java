package dev.keystone.outbox.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox table as the relay and the sweeper use it (docs/outbox.md, "How a row travels"): rows
 * are claimed or locked in a local transaction of their own and marked there; the transaction's
 * commit publishes the marks and releases the locks. A port, so that the relay's rounds, per-key
 * order and failure handling can be tested against an in-memory table; {@link JdbcRelayStore} is
 * the PostgreSQL one, with the statements of {@link OutboxStore}.
 */
public interface RelayStore {

  /** Opens a local transaction; it holds whatever it claims or locks until it ends. */
  Tx begin() throws SQLException;

  /**
   * Claims those of the rows that are unpublished, not held by anyone else and the oldest
   * unpublished version of their aggregate: locks them and marks them published in {@code tx}.
   *
   * @return the claimed rows' ids; at most one per aggregate
   */
  Set<UUID> claimNext(Tx tx, Collection<UUID> eventIds) throws SQLException;

  /**
   * Locks the due heads of aggregate queues (older than {@code minAge}, not backing off, nearest
   * older version published; held heads skipped), then the rest of each of those queues.
   *
   * @return the locked rows, each aggregate's in version order
   */
  List<OutboxRecord> lockDueChains(Tx tx, Duration minAge, int limit) throws SQLException;

  /** Marks acknowledged rows published in {@code tx}. */
  void markPublished(Tx tx, Collection<UUID> eventIds) throws SQLException;

  /**
   * Records a failed attempt in {@code tx} and takes back a claim's mark; the next attempt waits
   * {@code backoff}, doubled per earlier attempt, at most {@code max}.
   */
  void markFailed(Tx tx, UUID eventId, String error, Duration backoff, Duration max)
      throws SQLException;

  /** Takes back the mark of claimed rows whose fate is unknown: the sweeper sends them again. */
  void unclaim(Tx tx, Collection<UUID> eventIds) throws SQLException;

  /** A local transaction of the outbox table. */
  interface Tx extends AutoCloseable {

    /** Publishes the marks and releases the locks. */
    void commit() throws SQLException;

    /** Undoes every mark and releases the locks. */
    void rollback() throws SQLException;

    /** Ends the transaction; one neither committed nor rolled back is rolled back. */
    @Override
    void close() throws SQLException;
  }
}
