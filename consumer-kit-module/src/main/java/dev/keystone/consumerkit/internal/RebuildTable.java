package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.Rebuild;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code consumers.consumer_rebuilds}: the record of every rebuild (who, when, how far) and the
 * claim by which exactly one server runs it. Each statement commits on its own.
 */
@ApplicationScoped
public class RebuildTable {

  private static final String COLUMNS =
      "r.id, r.consumer, r.state, r.requested_by, r.requested_at, r.suppress_external,"
          + " r.started_at, r.finished_at, r.read_records, r.remaining, r.error,"
          + " (select count(*) from consumers.held_messages h where h.consumer = r.consumer)";

  /** A rebuild this server has claimed and must run. */
  public record Claim(long id, String consumer, boolean suppressExternal, String runner) {}

  /** Another rebuild of the same consumer is requested or running. */
  public static final class AlreadyActive extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyActive(String consumer) {
      super("A rebuild of " + consumer + " is already requested or running");
    }
  }

  @Inject KitDatabase database;

  /**
   * Records a request; from its commit on, the consumer's live deliveries are held on every server.
   *
   * @throws AlreadyActive when one is requested or running (the unique index says so)
   */
  public long request(String consumer, String requestedBy, boolean suppressExternal)
      throws SQLException {
    var sql =
        "insert into consumers.consumer_rebuilds (consumer, requested_by, suppress_external)"
            + " values (?, ?, ?) returning id";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, requestedBy);
      s.setBoolean(3, suppressExternal);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new AlreadyActive(consumer);
      }
      throw e;
    }
  }

  /** The latest rebuild of {@code consumer}, if there ever was one. */
  public Optional<Rebuild> latest(String consumer) throws SQLException {
    var sql =
        "select "
            + COLUMNS
            + " from consumers.consumer_rebuilds r where r.consumer = ?"
            + " order by r.id desc limit 1";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      try (var rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rebuild(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Claims the oldest rebuild of one of {@code consumers} that is requested, or running without a
   * heartbeat for {@code stale} (its server died or failed): that one is run again from its reset.
   */
  public Optional<Claim> claim(String runner, List<String> consumers, Duration stale)
      throws SQLException {
    var sql =
        "update consumers.consumer_rebuilds set state = 'running', runner = ?,"
            + " heartbeat_at = now(), started_at = now(), read_records = 0, remaining = null"
            + " where id = (select id from consumers.consumer_rebuilds where consumer = any(?)"
            + " and (state = 'requested' or (state = 'running' and (heartbeat_at is null"
            + " or heartbeat_at < now() - ? * interval '1 millisecond')))"
            + " order by id limit 1 for update skip locked)"
            + " returning id, consumer, suppress_external";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, runner);
      s.setArray(2, c.createArrayOf("varchar", consumers.toArray()));
      s.setLong(3, stale.toMillis());
      try (var rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Claim(rs.getLong(1), rs.getString(2), rs.getBoolean(3), runner))
            : Optional.empty();
      }
    }
  }

  /**
   * How far the run got; also its heartbeat.
   *
   * @throws IllegalStateException when {@code runner} lost its claim (it fell silent for too long
   *     and another server runs the rebuild now): the run must stop
   */
  public void progress(long id, String runner, long read, long remaining) throws SQLException {
    var sql =
        "update consumers.consumer_rebuilds set read_records = ?, remaining = ?,"
            + " heartbeat_at = now() where id = ? and state = 'running' and runner = ?";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setLong(1, read);
      s.setLong(2, remaining);
      s.setLong(3, id);
      s.setString(4, runner);
      if (s.executeUpdate() == 0) {
        throw new IllegalStateException("rebuild " + id + " is no longer run by " + runner);
      }
    }
  }

  /**
   * A run failed: recorded, and its claim dropped; a sweep runs it again once it has been silent
   * for the stale period, not at once (the cause, a broker away say, needs time).
   */
  public void failed(long id, String runner, String error) throws SQLException {
    var sql =
        "update consumers.consumer_rebuilds set error = ?, heartbeat_at = now(), runner = null"
            + " where id = ? and state = 'running' and runner = ?";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, error);
      s.setLong(2, id);
      s.setString(3, runner);
      s.executeUpdate();
    }
  }

  private static Rebuild rebuild(ResultSet rs) throws SQLException {
    long remaining = rs.getLong(10);
    Long lag = rs.wasNull() ? null : remaining + rs.getLong(12);
    if ("done".equals(rs.getString(3))) {
      lag = 0L;
    }
    return new Rebuild(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        instant(rs.getTimestamp(5)),
        rs.getBoolean(6),
        instant(rs.getTimestamp(7)),
        instant(rs.getTimestamp(8)),
        rs.getLong(9),
        lag,
        rs.getString(11));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
