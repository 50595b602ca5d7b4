package dev.keystone.consumers.audit;

import dev.keystone.consumers.kit.ConsumerSchema;
import dev.keystone.consumers.kit.ProcessedEvents;
import dev.keystone.consumers.kit.ReceivedEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The audit consumer's table: append-only, one row per distinct event. */
@ApplicationScoped
public class AuditLog {

  static final String CONSUMER = "audit";

  @Resource(lookup = "jdbc/keystone")
  DataSource dataSource;

  @Inject ProcessedEvents processed;
  @Inject ConsumerSchema schema;

  /**
   * Appends the event unless it was already processed, in one transaction with the dedup row.
   *
   * @return true if appended, false for a duplicate
   */
  @Transactional
  public boolean append(ReceivedEvent event) {
    schema.ensureMigrated();
    if (!processed.firstTime(CONSUMER, event.id())) {
      return false;
    }
    var sql =
        "insert into consumers.audit_log (event_id, event_type, aggregate_type, aggregate_id,"
            + " aggregate_version, correlation_id, occurred_at, payload) values (?,?,?,?,?,?,?,?)";
    try (var c = dataSource.getConnection();
        var s = c.prepareStatement(sql)) {
      s.setObject(1, event.id());
      s.setString(2, event.type());
      s.setString(3, event.aggregateType());
      s.setString(4, event.aggregateId());
      s.setLong(5, event.aggregateVersion());
      s.setString(6, event.correlationId());
      s.setTimestamp(7, Timestamp.from(event.time()));
      s.setString(8, event.data() == null ? "null" : event.data().toString());
      s.executeUpdate();
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not audit event " + event.id(), e);
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
