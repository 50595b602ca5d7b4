package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.AggregateVersions;
import java.sql.SQLException;

/**
 * The newest aggregate version each consumer applied, behind {@link AggregateVersions}; {@link
 * JdbcVersionStore} is the PostgreSQL one. A port, so that the version guard can be tested against
 * an in-memory store.
 */
public interface VersionStore {

  /**
   * Moves the consumer's version of the aggregate forward to {@code version}, in the caller's
   * transaction.
   *
   * @return true if {@code version} is newer than anything applied for the aggregate; false if it
   *     is older or equal (nothing changed)
   */
  boolean advance(String consumer, String aggregateType, String aggregateId, long version)
      throws SQLException;
}
