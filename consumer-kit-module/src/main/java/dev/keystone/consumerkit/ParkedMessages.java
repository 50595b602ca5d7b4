package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.KitDatabase;
import dev.keystone.consumerkit.internal.ParkingStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The parking table: per (consumer, key), the dead-lettered message and those waiting behind it.
 * Every method runs in the caller's transaction; {@link #lockKey} serialises the consumer's "is
 * this key parked?" decision with an operator's replay of the same key, across servers.
 */
@ApplicationScoped
public class ParkedMessages implements ParkingStore {

  private static final String COLUMNS =
      "seq, consumer, record_key, event_id, topic, partition_no, record_offset, dead_lettered,"
          + " error, parked_at, payload";

  @Inject KitDatabase database;

  /** Takes a transaction-scoped PostgreSQL advisory lock on (consumer, key). */
  @Override
  public void lockKey(String consumer, String key) throws SQLException {
    try (var c = database.connection();
        var s = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      s.setString(1, consumer + "/" + key);
      s.execute();
    }
  }

  /** True if anything of this key is parked for this consumer. */
  @Override
  public boolean isParked(String consumer, String key) throws SQLException {
    var sql =
        "select 1 from consumers.parked_messages where consumer = ? and record_key = ? limit 1";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, key);
      try (var rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Parks a message at the end of its key's queue; a redelivered parked event is kept once. */
  @Override
  public void park(
      String consumer, IncomingRecord record, UUID eventId, boolean deadLettered, String error)
      throws SQLException {
    var sql =
        "insert into consumers.parked_messages (consumer, record_key, event_id, topic,"
            + " partition_no, record_offset, payload, dead_lettered, error)"
            + " values (?,?,?,?,?,?,?,?,?) on conflict do nothing";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, record.key());
      if (eventId == null) {
        s.setNull(3, Types.OTHER);
      } else {
        s.setObject(3, eventId);
      }
      s.setString(4, record.topic());
      s.setInt(5, record.partition());
      s.setLong(6, record.offset());
      s.setString(7, record.value());
      s.setBoolean(8, deadLettered);
      s.setString(9, error);
      s.executeUpdate();
    }
  }

  /** Everything parked, optionally for one consumer, in order. */
  public List<ParkedMessage> list(String consumer) throws SQLException {
    var sql =
        "select "
            + COLUMNS
            + " from consumers.parked_messages where (?::varchar is null or consumer = ?)"
            + " order by consumer, record_key, seq limit 1000";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, consumer);
      try (var rs = s.executeQuery()) {
        var all = new ArrayList<ParkedMessage>();
        while (rs.next()) {
          all.add(read(rs));
        }
        return all;
      }
    }
  }

  /** The oldest parked message of a key, locked for this transaction. */
  @Override
  public Optional<ParkedMessage> head(String consumer, String key) throws SQLException {
    var sql =
        "select "
            + COLUMNS
            + " from consumers.parked_messages where consumer = ? and record_key = ?"
            + " order by seq limit 1 for update";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, key);
      try (var rs = s.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** Marks a message as the failed head of its key, with the error of the latest attempt. */
  @Override
  public void markFailed(long seq, String error) throws SQLException {
    var sql = "update consumers.parked_messages set dead_lettered = true, error = ? where seq = ?";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, error);
      s.setLong(2, seq);
      s.executeUpdate();
    }
  }

  /**
   * Deletes parked messages of a key: one ({@code seq} given) or all.
   *
   * @return how many were deleted
   */
  @Override
  public int delete(String consumer, String key, Long seq) throws SQLException {
    var sql =
        "delete from consumers.parked_messages where consumer = ? and record_key = ?"
            + " and (?::bigint is null or seq = ?)";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, key);
      s.setObject(3, seq, Types.BIGINT);
      s.setObject(4, seq, Types.BIGINT);
      return s.executeUpdate();
    }
  }

  private static ParkedMessage read(ResultSet rs) throws SQLException {
    return new ParkedMessage(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        rs.getInt(6),
        rs.getLong(7),
        rs.getBoolean(8),
        rs.getString(9),
        rs.getTimestamp(10).toInstant(),
        rs.getString(11));
  }
}
