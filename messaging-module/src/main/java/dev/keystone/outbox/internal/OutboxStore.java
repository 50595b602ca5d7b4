package dev.keystone.outbox.internal;

import dev.keystone.platform.jdbc.LongOperations;
import dev.keystone.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

/**
 * The outbox table, in plain JDBC on the application's JTA data source: inside a global transaction
 * a statement joins it (the insert commits or rolls back with the state change), outside one it
 * commits on its own.
 */
@ApplicationScoped
public class OutboxStore {

  @Inject OutboxDatabase database;

  /** Inserts the row in the caller's transaction. */
  public void insert(OutboxRecord record, String eventType, String correlationId) {
    var sql =
        "insert into outbox (event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, topic, payload, correlation_id, traceparent, tracestate)"
            + " values (?,?,?,?,?,?,?,?,?,?)";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, record.eventId());
      s.setString(2, eventType);
      s.setString(3, record.aggregateType());
      s.setString(4, record.aggregateId());
      s.setLong(5, record.aggregateVersion());
      s.setString(6, record.topic());
      s.setString(7, record.payload());
      s.setString(8, correlationId);
      s.setString(9, record.trace().traceparent());
      s.setString(10, record.trace().tracestate());
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
    setPublishedAt(c, eventIds, "now()");
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
   *
   * <p>The shape is for the planner: the rows are looked up by key in {@link #CLAIM}'s first part
   * (no condition there that a partial index could answer), and the older-version question can only
   * be answered by the index of every row (V6__outbox_claim_plan.sql); ClaimPlanIT checks both.
   */
  public Set<UUID> claimNext(Connection c, Collection<UUID> eventIds) throws SQLException {
    var claimed = new HashSet<UUID>();
    try (var s = c.prepareStatement(CLAIM)) {
      s.setArray(1, uuids(c, eventIds));
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          claimed.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return claimed;
  }

  /**
   * Whether the nearest older version of {@code t}'s aggregate, if any, is published: publication
   * goes in version order, so then every older one is. One probe of outbox_aggregate_idx.
   */
  private static final String OLDER_VERSIONS_PUBLISHED =
      "coalesce((select p.published_at is not null from outbox p"
          + " where p.aggregate_type = t.aggregate_type and p.aggregate_id = t.aggregate_id"
          + " and p.aggregate_version < t.aggregate_version"
          + " order by p.aggregate_version desc limit 1), true)";

  /**
   * {@link #claimNext}'s statement: lock by key, skipping held rows; mark what may go now. (Public,
   * like {@link #DUE_HEADS} and {@link #BACKLOG}, for the tests: ClaimPlanIT explains them,
   * RelayBatchIT counts claims by its text.)
   */
  public static final String CLAIM =
      "with t as (select o.event_id, o.aggregate_type, o.aggregate_id, o.aggregate_version,"
          + " o.published_at from outbox o where o.event_id = any(?) for update of o skip locked)"
          + " update outbox u set published_at = now() from t"
          + " where u.event_id = t.event_id and t.published_at is null and "
          + OLDER_VERSIONS_PUBLISHED
          + " returning u.event_id";

  /** Takes back the mark of claimed rows whose fate is unknown: the sweeper sends them again. */
  public void unclaim(Connection c, Collection<UUID> eventIds) throws SQLException {
    setPublishedAt(c, eventIds, "null");
  }

  /** One statement for a whole round; {@code value} is SQL, one of this class's constants. */
  private static void setPublishedAt(Connection c, Collection<UUID> eventIds, String value)
      throws SQLException {
    if (eventIds.isEmpty()) {
      return;
    }
    var sql = "update outbox set published_at = " + value + " where event_id = any(?)";
    try (var s = c.prepareStatement(sql)) {
      s.setArray(1, uuids(c, eventIds));
      s.executeUpdate();
    }
  }

  private static java.sql.Array uuids(Connection c, Collection<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.stream().map(UUID::toString).toArray(String[]::new));
  }

  /** Opens a connection for one sweep, in its own local transaction. */
  public Connection sweepConnection() throws SQLException {
    var c = database.connection();
    c.setAutoCommit(false);
    return c;
  }

  /**
   * The due heads of aggregate queues: unpublished rows older than {@code ?} ms, not backing off,
   * whose nearest older version is published; oldest first, at most {@code ?}, skipping held ones.
   */
  public static final String DUE_HEADS =
      "select t.aggregate_type, t.aggregate_id, t.aggregate_version from outbox t"
          + " where t.published_at is null"
          + " and t.created_at < now() - ? * interval '1 millisecond'"
          + " and (t.next_attempt_at is null or t.next_attempt_at <= now())"
          + " and "
          + OLDER_VERSIONS_PUBLISHED
          + " order by t.created_at limit ? for update skip locked";

  /**
   * Locks the due unpublished events that head their aggregate's queue, skipping heads another
   * sweeper holds, then locks the rest of each of those aggregates' queues. Whoever holds a head
   * owns its aggregate, so two sweepers never send one aggregate's events concurrently.
   */
  public List<OutboxRecord> lockDueChains(Connection c, Duration minAge, int limit)
      throws SQLException {
    var chain =
        "select event_id, aggregate_type, aggregate_id, aggregate_version, topic, payload,"
            + " traceparent, tracestate from outbox where aggregate_type = ? and aggregate_id = ?"
            + " and aggregate_version >= ? and published_at is null"
            + " order by aggregate_version for update";
    var records = new ArrayList<OutboxRecord>();
    try (var s = c.prepareStatement(DUE_HEADS)) {
      s.setLong(1, minAge.toMillis());
      s.setInt(2, limit);
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          try (var q = c.prepareStatement(chain)) {
            q.setString(1, rs.getString(1));
            q.setString(2, rs.getString(2));
            q.setLong(3, rs.getLong(3));
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
    // a day's rows in one statement: not under the request deadline of the data source
    try (var c = LongOperations.patient(database.connection());
        var s = c.prepareStatement(sql)) {
      s.setLong(1, age.toMillis());
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new OutboxException("Could not prune the outbox", e);
    }
  }

  /**
   * {@link #backlog}'s statement. Its condition on created_at (true of every committed row) lets
   * the small created_at index answer: see V6__outbox_claim_plan.sql.
   */
  public static final String BACKLOG =
      "select count(*), coalesce(extract(epoch from (now() - min(created_at))) * 1000, 0)"
          + " from outbox where published_at is null and created_at <= now()";

  /** The number of unpublished rows and the age of the oldest, in milliseconds. */
  public Backlog backlog() {
    try (var c = database.connection();
        var s = c.prepareStatement(BACKLOG);
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
        rs.getString(6),
        new TraceContext(rs.getString(7), rs.getString(8)));
  }

  /** Unpublished rows and the age of the oldest one. */
  public record Backlog(long size, long oldestAgeMillis) {}
}
