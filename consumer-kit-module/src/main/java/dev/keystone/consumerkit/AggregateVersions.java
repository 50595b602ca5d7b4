package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.KitDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * The version guard of docs/architecture.md §5.4: per consumer, the newest aggregate version
 * applied so far. Call {@link #advance} in the effect's transaction before changing a projection;
 * when it answers false the event is older than (or as old as) what the consumer already reflects,
 * and its effect must be skipped, so an old event delivered late never overwrites newer state.
 */
@ApplicationScoped
public class AggregateVersions {

  @Inject KitDatabase database;

  /**
   * Moves the consumer's version of the event's aggregate forward to the event's version.
   *
   * @return true if the event is newer than anything applied for its aggregate (apply it); false if
   *     it is older or equal (skip it)
   */
  public boolean advance(String consumer, ReceivedEvent event) throws SQLException {
    var sql =
        "insert into consumers.consumer_versions (consumer, aggregate_type, aggregate_id, version)"
            + " values (?, ?, ?, ?) on conflict (consumer, aggregate_type, aggregate_id) do update"
            + " set version = excluded.version, updated_at = now()"
            + " where consumer_versions.version < excluded.version";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, event.aggregateType());
      s.setString(3, event.aggregateId());
      s.setLong(4, event.aggregateVersion());
      return s.executeUpdate() == 1;
    }
  }
}
