package dev.keystone.messaging.outbox;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox table, in plain JDBC on the application's JTA data source: inside a global transaction
 * a statement joins it (the insert commits or rolls back with the state change), outside one it
 * commits on its own.
 */
@ApplicationScoped
public class OutboxStore {

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  /** Inserts the row in the caller's transaction. */
  public void insert(OutboxRecord record, String eventType, String correlationId) {
    var sql =
        "insert into outbox (event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, topic, payload, correlation_id) values (?,?,?,?,?,?,?,?)";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, record.eventId());
      s.setString(2, eventType);
      s.setString(3, record.aggregateType());
      s.setString(4, record.aggregateId());
      s.setLong(5, record.aggregateVersion());
      s.setString(6, record.topic());
      s.setString(7, record.payload());
      s.setString(8, correlationId);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not write the outbox row of " + eventType, e);
    }
  }

  /**
   * Marks the rows published on {@code c}, which may hold their locks: one statement for a whole
   * round of acknowledged rows.
   */
  public void markPublished(Connection c, Collection<UUID> eventIds) throws SQLException {
    if (eventIds.isEmpty()) {
      return;
    }
    try (var s =
        c.prepareStatement("update outbox set published_at = now() where event_id = any(?)")) {
      s.setArray(1, uuids(c, eventIds));
      s.executeUpdate();
    }
  }

  /**
   * Records a failed attempt on {@code c}, which holds the row's lock, and takes back a claim's
   * mark. The next attempt waits {@code backoff} doubled per earlier attempt, at most {@code max}.
   */
  public void markFailed(Connection c, UUID eventId, String error, Duration backoff, Duration max)
      throws SQLException {
    var sql =
        "update outbox set published_at = null, attempts = attempts + 1, last_error = ?,"
            + " next_attempt_at = now() + least(? * power(2, least(attempts, 20)), ?)"
            + " * interval '1 millisecond' where event_id = ?";
    try (var s = c.prepareStatement(sql)) {
      s.setString(1, error);
      s.setLong(2, backoff.toMillis());
      s.setLong(3, max.toMillis());
      s.setObject(4, eventId);
      s.executeUpdate();
    }
  }

  /**
   * Claims, in one statement, those of the rows that are unpublished, not held by anyone else, and
   * the oldest unpublished version of their aggregate: locks them and marks them published in the
   * transaction of {@code c}; returns their ids. Never waits: a row it skips is the sweeper's,
   * which sends it in order. At most one row per aggregate can qualify.
   *
   * <p>The mark is visible to nobody until the caller commits, which it does only once the broker
   * acknowledged the row; a row whose send failed or is in doubt gets its mark taken back first
   * ({@link #markFailed}, {@link #unclaim}). So a round costs one statement and a commit, and
   * {@code published_at} is the time the relay took the row.
   */
  public Set<UUID> claimNext(Connection c, Collection<UUID> eventIds) throws SQLException {
    var sql =
        "update outbox set published_at = now() where event_id in ("
            + "select o.event_id from outbox o where o.event_id = any(?) and o.published_at is null"
            + " and not exists (select 1 from outbox p where p.published_at is null"
            + "   and p.aggregate_type = o.aggregate_type and p.aggregate_id = o.aggregate_id"
            + "   and p.aggregate_version < o.aggregate_version)"
            + " for update of o skip locked) returning event_id";
    var claimed = new HashSet<UUID>();
    try (var s = c.prepareStatement(sql)) {
      s.setArray(1, uuids(c, eventIds));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          claimed.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return claimed;
  }

  /** Takes back the mark of claimed rows whose fate is unknown: the sweeper sends them again. */
  public void unclaim(Connection c, Collection<UUID> eventIds) throws SQLException {
    if (eventIds.isEmpty()) {
      return;
    }
    try (var s =
        c.prepareStatement("update outbox set published_at = null where event_id = any(?)")) {
      s.setArray(1, uuids(c, eventIds));
      s.executeUpdate();
    }
  }

  private static java.sql.Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.stream().map(UUID::toString).toArray(String[]::new));
  }

  /** Opens a connection for one sweep, in its own local transaction. */
  public Connection sweepConnection() throws SQLException {
    var c = dataSource.getConnection();
    c.setAutoCommit(false);
    return c;
  }

  /**
   * Locks the due unpublished events that head their aggregate's queue, skipping heads another
   * sweeper holds, then locks the rest of each of those aggregates' queues. Whoever holds a head
   * owns its aggregate, so two sweepers never send one aggregate's events concurrently.
   */
  public List<OutboxRecord> lockDueChains(Connection c, Duration minAge, int limit)
      throws SQLException {
    var heads =
        "select o.aggregate_type, o.aggregate_id from outbox o"
            + " where o.published_at is null"
            + " and o.created_at < now() - ? * interval '1 millisecond'"
            + " and (o.next_attempt_at is null or o.next_attempt_at <= now())"
            + " and not exists (select 1 from outbox p where p.published_at is null"
            + "   and p.aggregate_type = o.aggregate_type and p.aggregate_id = o.aggregate_id"
            + "   and p.aggregate_version < o.aggregate_version)"
            + " order by o.created_at limit ? for update skip locked";
    var chain =
        "select event_id, aggregate_type, aggregate_id, aggregate_version, topic, payload"
            + " from outbox where published_at is null and aggregate_type = ? and aggregate_id = ?"
            + " order by aggregate_version for update";
    var records = new ArrayList<OutboxRecord>();
    try (var s = c.prepareStatement(heads)) {
      s.setLong(1, minAge.toMillis());
      s.setInt(2, limit);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          try (var q = c.prepareStatement(chain)) {
            q.setString(1, rs.getString(1));
            q.setString(2, rs.getString(2));
            try (var rows = q.executeQuery()) {
              while (rows.next()) {
                records.add(read(rows));
              }
            }
          }
        }
      }
    }
    return records;
  }

  /** Deletes rows published longer ago than {@code age}; returns how many. */
  public int deletePublishedOlderThan(Duration age) {
    var sql =
        "delete from outbox where published_at is not null"
            + " and published_at < now() - ? * interval '1 millisecond'";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setLong(1, age.toMillis());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not prune the outbox", e);
    }
  }

  /** The number of unpublished rows and the age of the oldest, in milliseconds. */
  public Backlog backlog() {
    var sql =
        "select count(*), coalesce(extract(epoch from (now() - min(created_at))) * 1000, 0)"
            + " from outbox where published_at is null";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql);
        var rs = s.executeQuery()) {
      rs.next();
      return new Backlog(rs.getLong(1), rs.getLong(2));
    } catch (SQLException e) {
      throw new OutboxException("Could not measure the outbox backlog", e);
    }
  }

  private static OutboxRecord read(ResultSet rs) throws SQLException {
    return new OutboxRecord(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6));
  }

  /** Unpublished rows and the age of the oldest one. */
  public record Backlog(long size, long oldestAgeMillis) {}
}
