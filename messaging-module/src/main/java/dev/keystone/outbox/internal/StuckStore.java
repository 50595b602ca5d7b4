package dev.keystone.outbox.internal;

import dev.keystone.outbox.StuckRows;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox table as the stuck-row tools use it (docs/outbox.md, "Stuck rows"): a row is locked in
 * a local transaction of its own, checked, and then retried or skipped in that transaction. A port,
 * so that {@link OutboxStuckRows} can be tested with the relay and the sweeper against an in-memory
 * table; {@link JdbcStuckStore} is the PostgreSQL one.
 */
public interface StuckStore {

  /** A row as the tools see it once locked. */
  record Locked(StuckRows.Row row, boolean published, boolean skipped) {}

  /** Every stuck row and the aggregates they hold back. */
  record Counts(long rows, long aggregates) {}

  /** Opens a local transaction; it holds the row it locks until it ends. */
  RelayStore.Tx begin() throws SQLException;

  /** Unpublished rows with at least {@code minAttempts} failed sends, oldest first. */
  List<StuckRows.Row> stuck(int minAttempts, int limit) throws SQLException;

  /** How many rows {@link #stuck} would find without a limit, and of how many aggregates. */
  Counts counts(int minAttempts) throws SQLException;

  /**
   * Locks one row in {@code tx}, waiting only briefly for a sweeper that holds it.
   *
   * @return empty if there is no such row
   * @throws StuckRows.Refused {@link StuckRows.Refusal#BUSY} if the row stays held
   */
  Optional<Locked> lock(RelayStore.Tx tx, UUID eventId) throws SQLException;

  /** Ends the locked row's back-off in {@code tx}: the next sweep sends it. */
  void resetBackoff(RelayStore.Tx tx, UUID eventId) throws SQLException;

  /**
   * Records the skip of the locked row and marks it done in {@code tx}, so that the next version of
   * its aggregate may go.
   */
  StuckRows.Skip skip(RelayStore.Tx tx, UUID eventId, String operator, String reason)
      throws SQLException;
}
