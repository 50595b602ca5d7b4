package dev.keystone.consumerkit;

import dev.keystone.consumerkit.internal.VersionStore;
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

  @Inject VersionStore store;

  /**
   * Moves the consumer's version of the event's aggregate forward to the event's version.
   *
   * @return true if the event is newer than anything applied for its aggregate (apply it); false if
   *     it is older or equal (skip it)
   */
  public boolean advance(String consumer, ReceivedEvent event) throws SQLException {
    return store.advance(
        consumer, event.aggregateType(), event.aggregateId(), event.aggregateVersion());
  }
}
