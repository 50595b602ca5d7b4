package dev.keystone.outbox.internal;

import dev.keystone.outbox.StuckRows;
import dev.keystone.outbox.StuckRows.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The library's {@link StuckRows}: lists rows that failed at least {@code
 * keystone.outbox.stuck-after-attempts} times, and retries or skips one of them in a local
 * transaction that locks the row first, so a sweeper never sends a row while it is being skipped
 * (the sweeper locks the rows it sends, docs/outbox.md "How a row travels").
 */
@ApplicationScoped
public class OutboxStuckRows implements StuckRows {

  private static final Logger LOG = Logger.getLogger(OutboxStuckRows.class.getName());

  @Inject StuckStore store;

  /** With the default back-off (1 s doubling to 10 s), about a minute of failed sends. */
  @Inject
  @ConfigProperty(name = "keystone.outbox.stuck-after-attempts", defaultValue = "10")
  int threshold;

  /** The failed attempts that make a row stuck; at least 1. */
  public int threshold() {
    return Math.max(1, threshold);
  }

  @Override
  public Listing list(int limit) {
    try {
      var counts = store.counts(threshold());
      var rows = store.stuck(threshold(), Math.max(0, limit));
      return new Listing(threshold(), counts.rows(), counts.aggregates(), rows);
    } catch (SQLException e) {
      throw new OutboxException("Could not list the stuck outbox rows", e);
    }
  }

  /** Every stuck row and the aggregates they hold back (the metrics' figures). */
  public StuckStore.Counts counts() {
    try {
      return store.counts(threshold());
    } catch (SQLException e) {
      throw new OutboxException("Could not count the stuck outbox rows", e);
    }
  }

  @Override
  public Row retry(UUID eventId) {
    Objects.requireNonNull(eventId, "eventId");
    return onStuckRow(
        eventId,
        (tx, locked) -> {
          store.resetBackoff(tx, eventId);
          var r = locked.row();
          LOG.info(() -> "Stuck outbox row " + eventId + " of " + aggregate(r) + " retried");
          return new Row(
              r.eventId(),
              r.eventType(),
              r.aggregateType(),
              r.aggregateId(),
              r.aggregateVersion(),
              r.attempts(),
              r.lastError(),
              r.createdAt(),
              r.ageMs(),
              null,
              r.waitingBehind());
        });
  }

  @Override
  public Skip skip(UUID eventId, String operator, String reason) {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(operator, "operator");
    if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
      throw new Refused(
          Refusal.INVALID_REASON,
          "A skip needs a reason of 1 to " + MAX_REASON_LENGTH + " characters.");
    }
    return onStuckRow(
        eventId,
        (tx, locked) -> {
          var skip = store.skip(tx, eventId, operator, reason.strip());
          LOG.warning(
              () ->
                  "Outbox row "
                      + eventId
                      + " ("
                      + aggregate(locked.row())
                      + ") skipped by "
                      + operator
                      + ": it will never be published. Reason: "
                      + skip.reason());
          return skip;
        });
  }

  /** A step on a locked stuck row, in the transaction that holds it. */
  private interface Step<T> {
    T apply(RelayStore.Tx tx, StuckStore.Locked locked) throws SQLException;
  }

  /** Locks the row, refuses unless it is stuck, runs {@code step} and commits. */
  private <T> T onStuckRow(UUID eventId, Step<T> step) {
    try (var tx = store.begin()) {
      var locked =
          store
              .lock(tx, eventId)
              .orElseThrow(
                  () -> new Refused(Refusal.UNKNOWN_ROW, "No outbox row has id " + eventId + "."));
      refuseUnlessStuck(locked);
      T result = step.apply(tx, locked);
      tx.commit();
      return result;
    } catch (SQLException e) {
      throw new OutboxException("Could not change outbox row " + eventId, e);
    }
  }

  private void refuseUnlessStuck(StuckStore.Locked locked) {
    var id = locked.row().eventId();
    if (locked.skipped()) {
      throw new Refused(Refusal.ALREADY_SKIPPED, "Outbox row " + id + " was skipped already.");
    }
    if (locked.published()) {
      throw new Refused(Refusal.ALREADY_PUBLISHED, "Outbox row " + id + " is published.");
    }
    if (locked.row().attempts() < threshold()) {
      throw new Refused(
          Refusal.NOT_STUCK,
          "Outbox row "
              + id
              + " failed "
              + locked.row().attempts()
              + " times; it counts as stuck after "
              + threshold()
              + ".");
    }
  }

  private static String aggregate(Row r) {
    return r.aggregateType() + " " + r.aggregateId() + " v" + r.aggregateVersion();
  }
}
