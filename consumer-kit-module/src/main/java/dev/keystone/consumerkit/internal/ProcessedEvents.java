package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.DedupPruner;
import dev.keystone.platform.jdbc.LongOperations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The dedup store. {@link #firstTime} must run in the consumer's transaction: the row commits
 * together with the consumer's effect, or neither does. Bounded by {@link DedupPruner}.
 */
@ApplicationScoped
public class ProcessedEvents implements DedupStore {

  @Inject KitDatabase database;

  /**
   * Records that {@code consumer} processed {@code eventId}.
   *
   * @return true the first time; false for a duplicate, whose effect must then be skipped
   */
  @Override
  public boolean firstTime(String consumer, UUID eventId) {
    var sql =
        "insert into consumers.processed_events (consumer, event_id) values (?, ?)"
            + " on conflict do nothing";
    try (var c = database.connection();
        var s = c.prepareStatement(sql)) {
      s.setString(1, consumer);
      s.setObject(2, eventId);
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not record event " + eventId, e);
    }
  }

  /**
   * Deletes dedup rows older than {@code horizon}, at most {@code batch} of them; see {@link
   * DedupPruner} for why this is safe.
   *
   * @return how many rows were deleted
   */
  public int prune(Duration horizon, int batch) {
    var sql =
        "delete from consumers.processed_events where ctid in (select ctid from"
            + " consumers.processed_events where processed_at < now() - ? * interval '1 second'"
            + " limit ?)";
    try (var c = LongOperations.patient(database.connection()); // not under the request deadline
        var s = c.prepareStatement(sql)) {
      s.setLong(1, horizon.toSeconds());
      s.setInt(2, batch);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not prune the dedup store", e);
    }
  }
}
