package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@link RebuildGate} on PostgreSQL, shared by every server of the consumers: the gate is a
 * transaction-scoped advisory lock per consumer (shared for a delivery, exclusive for the reset and
 * the opening), the closed state is a rebuild row in state requested or running, and held
 * deliveries are rows of {@code consumers.held_messages}. Under READ COMMITTED, the statement after
 * the lock sees every rebuild committed before the lock was granted.
 */
@ApplicationScoped
public class HeldMessages implements RebuildGate {

  private static final String ACTIVE =
      "exists (select 1 from consumers.consumer_rebuilds r where r.consumer = ?"
          + " and r.state in ('requested', 'running'))";

  @Inject KitDatabase database;

  @Override
  public boolean holdIfRebuilding(String consumer, IncomingRecord record, UUID eventId)
      throws SQLException {
    lock(consumer, "pg_advisory_xact_lock_shared");
    var sql =
        "insert into consumers.held_messages (consumer, record_key, event_id, topic, partition_no,"
            + " record_offset, payload) select ?, ?, ?, ?, ?, ?, ? where "
            + ACTIVE;
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, record.key());
      s.setObject(3, eventId);
      s.setString(4, record.topic());
      s.setInt(5, record.partition());
      s.setLong(6, record.offset());
      s.setString(7, record.value());
      s.setString(8, consumer);
      return s.executeUpdate() == 1;
    }
  }

  @Override
  public void closeAndForget(String consumer) throws SQLException {
    lock(consumer, "pg_advisory_xact_lock");
    for (var table : List.of("processed_events", "consumer_versions", "parked_messages")) {
      try (var c = database.connection();
          var s = c.prepareStatement("delete from consumers." + table + " where consumer = ?")) {
        s.setString(1, consumer);
        s.executeUpdate();
      }
    }
  }

  @Override
  public List<Held> held(String consumer, int limit) throws SQLException {
    var sql =
        "select seq, topic, partition_no, record_offset, record_key, payload"
            + " from consumers.held_messages where consumer = ? order by seq limit ?";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setInt(2, limit);
      var held = new ArrayList<Held>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          held.add(
              new Held(
                  rs.getLong(1),
                  new IncomingRecord(
                      rs.getString(2),
                      rs.getInt(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getString(6))));
        }
      }
      return held;
    }
  }

  @Override
  public long heldCount(String consumer) throws SQLException {
    try (var c = database.connection();
        var s =
            c.prepareStatement("select count(*) from consumers.held_messages where consumer = ?")) {
      s.setString(1, consumer);
      try (var rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Override
  public void release(long seq) throws SQLException {
    try (var c = database.connection();
        var s = c.prepareStatement("delete from consumers.held_messages where seq = ?")) {
      s.setLong(1, seq);
      s.executeUpdate();
    }
  }

  @Override
  public boolean openIfDrained(String consumer, long rebuildId, String runner) throws SQLException {
    lock(consumer, "pg_advisory_xact_lock");
    if (heldCount(consumer) > 0) {
      return false;
    }
    var sql =
        "update consumers.consumer_rebuilds set state = 'done', finished_at = now(),"
            + " remaining = 0, error = null where id = ? and state = 'running' and runner = ?";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setLong(1, rebuildId);
      s.setString(2, runner);
      if (s.executeUpdate() == 0) {
        throw new IllegalStateException("rebuild " + rebuildId + " of " + consumer + " is over");
      }
      return true;
    }
  }

  /** The gate of one consumer: an advisory lock on its name, until the transaction ends. */
  private void lock(String consumer, String function) throws SQLException {
    try (var c = database.connection();
        var s = c.prepareStatement("select " + function + "(hashtextextended(?, 0))")) {
      s.setString(1, "rebuild-gate/" + consumer);
      s.execute();
    }
  }
}
