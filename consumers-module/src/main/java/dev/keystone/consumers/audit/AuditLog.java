package dev.keystone.consumers.audit;

import dev.keystone.consumerkit.EventEffect;
import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.consumers.schema.ConsumerSchema;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The audit consumer's effect and table: append-only (rows are only ever inserted), one row per
 * distinct event, read back per aggregate in version order.
 */
@ApplicationScoped
public class AuditLog implements EventEffect {

  static final String CONSUMER = "audit";

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Inject ConsumerSchema schema;

  @Override
  public void prepareStorage() {
    schema.ensureMigrated();
  }

  @Override
  public String consumer() {
    return CONSUMER;
  }

  @Override
  public List<String> channels() {
    return List.of(AuditConsumer.PRODUCTS, AuditConsumer.CUSTOMERS, AuditConsumer.ORDERS);
  }

  /** TRUNCATE: the append-only trigger refuses row deletes, and row triggers do not see it. */
  @Override
  public void emptyProjection() throws SQLException {
    try (var c = dataSource.getConnection();
        var s = c.createStatement()) {
      s.execute("truncate consumers.audit_log");
    }
  }

  /**
   * Appends the event. The kit runs this at most once per event id, in one transaction with the
   * dedup row; the table's primary key (the event id) makes a second row impossible anyway.
   */
  @Override
  public void apply(ReceivedEvent event) throws SQLException {
    var sql =
        "insert into consumers.audit_log (event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, correlation_id, occurred_at, payload) values (?,?,?,?,?,?,?,?)";
    var entry = AuditEntry.of(event);
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, entry.eventId());
      s.setString(2, entry.type());
      s.setString(3, entry.aggregateType());
      s.setString(4, entry.aggregateId());
      s.setLong(5, entry.aggregateVersion());
      s.setString(6, entry.correlationId());
      s.setTimestamp(7, Timestamp.from(entry.occurredAt()));
      s.setString(8, entry.payload());
      s.executeUpdate();
    }
  }

  /** The audited events of one aggregate, in version order. */
  public List<AuditEntry> forAggregate(String aggregateType, String aggregateId) {
    schema.ensureMigrated();
    var sql =
        "select event_id, event_type, aggregate_type, aggregate_id, aggregate_version,"
            + " correlation_id, occurred_at, payload from consumers.audit_log"
            + " where aggregate_id = ? and (? is null or aggregate_type = ?)"
            + " order by aggregate_type, aggregate_version, occurred_at";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, aggregateId);
      s.setString(2, aggregateType);
      s.setString(3, aggregateType);
      var entries = new ArrayList<AuditEntry>();
      try (var rs = s.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new AuditEntry(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getString(6),
                  rs.getTimestamp(7).toInstant(),
                  rs.getString(8)));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the audit log", e);
    }
  }
}
