package dev.keystone.consumerkit.internal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;

/**
 * {@link VersionStore} on {@code consumers.consumer_versions}: an upsert that changes the row only
 * when the new version is greater, so that the answer and the move are one atomic statement.
 */
@ApplicationScoped
public class JdbcVersionStore implements VersionStore {

  @Inject KitDatabase database;

  @Override
  public boolean advance(String consumer, String aggregateType, String aggregateId, long version)
      throws SQLException {
    var sql =
        "insert into consumers.consumer_versions (consumer, aggregate_type, aggregate_id, version)"
            + " values (?, ?, ?, ?) on conflict (consumer, aggregate_type, aggregate_id) do update"
            + " set version = excluded.version, updated_at = now()"
            + " where consumer_versions.version < excluded.version";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setString(2, aggregateType);
      s.setString(3, aggregateId);
      s.setLong(4, version);
      return s.executeUpdate() == 1;
    }
  }
}
