package dev.keystone.outbox.internal;

import dev.keystone.outbox.StuckRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The stuck-row tools' {@link StuckStore} on PostgreSQL: transactions are {@link JdbcRelayStore}'s
 * (a connection of the application's data source with auto-commit off). Listing and counting read
 * the small index of unpublished rows (V2__outbox_claim_plan.sql: the created_at condition lets it
 * answer), so they cost no more than the backlog metric.
 */
@ApplicationScoped
public class JdbcStuckStore implements StuckStore {

  /** PostgreSQL's lock_not_available, raised when {@link #LOCK_WAIT} passes. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /**
   * How long {@link #lock} waits for a sweeper that holds the row: less than the data source's
   * socket timeout (1 s), so a busy row is a clear refusal, never a cut connection.
   */
  private static final String LOCK_WAIT = "set local lock_timeout = '500ms'";

  private static final String COLUMNS =
      "o.event_id, o.event_type, o.aggregate_type, o.aggregate_id, o.aggregate_version,"
          + " o.attempts, o.last_error, o.created_at,"
          + " (extract(epoch from (now() - o.created_at)) * 1000)::bigint, o.next_attempt_at,"
          + " (select count(*) from outbox w where w.aggregate_type = o.aggregate_type"
          + " and w.aggregate_id = o.aggregate_id and w.aggregate_version > o.aggregate_version"
          + " and w.published_at is null)";

  private static final String STUCK_CONDITION =
      " from outbox o where o.published_at is null and o.created_at <= now() and o.attempts >= ?";

  @Inject JdbcRelayStore transactions;
  @Inject OutboxDatabase database;

  @Override
  public RelayStore.Tx begin() throws SQLException {
    return transactions.begin();
  }

  @Override
  public List<StuckRows.Row> stuck(int minAttempts, int limit) throws SQLException {
    var sql = "select " + COLUMNS + STUCK_CONDITION + " order by o.created_at limit ?";
    var rows = new ArrayList<StuckRows.Row>();
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setInt(1, minAttempts);
      s.setInt(2, limit);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(row(rs));
        }
      }
    }
    return rows;
  }

  @Override
  public Counts counts(int minAttempts) throws SQLException {
    var sql =
        "select count(*), count(distinct (o.aggregate_type, o.aggregate_id))" + STUCK_CONDITION;
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setInt(1, minAttempts);
      try (var rs = s.executeQuery()) {
        rs.next();
        return new Counts(rs.getLong(1), rs.getLong(2));
      }
    }
  }

  @Override
  public Optional<Locked> lock(RelayStore.Tx tx, UUID eventId) throws SQLException {
    var c = JdbcRelayStore.connection(tx);
    try (var s = c.createStatement()) {
      s.execute(LOCK_WAIT);
    }
    var sql =
        "select "
            + COLUMNS
            + ", o.published_at is not null, o.skipped_at is not null"
            + " from outbox o where o.event_id = ? for update of o";
    try (var s = c.prepareStatement(sql)) {
      s.setObject(1, eventId);
      try (var rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Locked(row(rs), rs.getBoolean(12), rs.getBoolean(13)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
        throw new StuckRows.Refused(
            StuckRows.Refusal.BUSY,
            "Outbox row " + eventId + " is being sent right now; try again in a moment.");
      }
      throw e;
    }
  }

  @Override
  public void resetBackoff(RelayStore.Tx tx, UUID eventId) throws SQLException {
    var sql = "update outbox set next_attempt_at = null where event_id = ?";
    try (var s = JdbcRelayStore.connection(tx).prepareStatement(sql)) {
      s.setObject(1, eventId);
      s.executeUpdate();
    }
  }

  @Override
  public StuckRows.Skip skip(RelayStore.Tx tx, UUID eventId, String operator, String reason)
      throws SQLException {
    var c = JdbcRelayStore.connection(tx);
    var record =
        "insert into outbox_skipped (event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, topic, payload, created_at, attempts, last_error, skipped_by,"
            + " reason) select event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, topic, payload, created_at, attempts, last_error, ?, ?"
            + " from outbox where event_id = ?"
            + " returning event_id, event_type, aggregate_type, aggregate_id, aggregate_version,"
            + " attempts, last_error, skipped_by, skipped_at, reason";
    StuckRows.Skip skip;
    try (var s = c.prepareStatement(record)) {
      s.setString(1, operator);
      s.setString(2, reason);
      s.setObject(3, eventId);
      try (var rs = s.executeQuery()) {
        rs.next();
        skip =
            new StuckRows.Skip(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                rs.getString(10));
      }
    }
    // done for the queue: the claim's and the sweeper's older-version rule now let the next go
    var done =
        "update outbox set published_at = now(), skipped_at = now(), next_attempt_at = null"
            + " where event_id = ?";
    try (var s = c.prepareStatement(done)) {
      s.setObject(1, eventId);
      s.executeUpdate();
    }
    return skip;
  }

  private static StuckRows.Row row(ResultSet rs) throws SQLException {
    return new StuckRows.Row(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getLong(5),
        rs.getInt(6),
        rs.getString(7),
        instant(rs.getTimestamp(8)),
        rs.getLong(9),
        instant(rs.getTimestamp(10)),
        rs.getLong(11));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
