package dev.keystone.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The operator's tools for outbox rows the broker keeps refusing (docs/outbox.md, "Stuck rows"). A
 * row is <em>stuck</em> once it is unpublished and its sends failed at least {@code
 * keystone.outbox.stuck-after-attempts} times; because one aggregate's events go out in version
 * order, every later version of its aggregate waits behind it. The library implements this
 * interface; inject it. Every method works on the shared database, so it sees every server's rows.
 */
public interface StuckRows {

  /**
   * The stuck rows, oldest first.
   *
   * @param limit the most rows to return (the totals count them all)
   */
  Listing list(int limit);

  /**
   * Ends a stuck row's back-off, so the next sweep sends it (within {@code sweep-interval-ms}). Its
   * attempts are kept: if the send fails again the row stays stuck.
   *
   * @return the row as it is now
   * @throws Refused {@link Refusal#UNKNOWN_ROW}, {@link Refusal#NOT_STUCK}, {@link
   *     Refusal#ALREADY_PUBLISHED}, {@link Refusal#ALREADY_SKIPPED} or {@link Refusal#BUSY}
   */
  Row retry(UUID eventId);

  /**
   * Gives up on a stuck row for good: it is never published, the later versions of its aggregate
   * are published next, in order, and the skip (who, when, why, and the event itself) is recorded
   * in the same transaction. Consumers never see this version of the aggregate.
   *
   * @param operator who decided it, e.g. the subject of the operator's token
   * @param reason why, for whoever reads the record later; not blank, at most {@link
   *     #MAX_REASON_LENGTH} characters
   * @throws Refused as {@link #retry}, or {@link Refusal#INVALID_REASON}
   */
  Skip skip(UUID eventId, String operator, String reason);

  /** The longest reason a skip records. */
  int MAX_REASON_LENGTH = 1000;

  /**
   * The stuck rows now.
   *
   * @param threshold failed attempts that make a row stuck
   * @param stuckRows every stuck row
   * @param blockedAggregates the aggregates those rows hold back
   * @param rows the oldest of them, at most the limit asked for
   */
  record Listing(int threshold, long stuckRows, long blockedAggregates, List<Row> rows) {}

  /**
   * One stuck (or, after a retry, formerly stuck) row.
   *
   * @param ageMs time since the row was written, by the database's clock
   * @param nextAttemptAt when the back-off ends; {@code null}: at the next sweep
   * @param waitingBehind later versions of the same aggregate that wait for this row
   */
  record Row(
      UUID eventId,
      String eventType,
      String aggregateType,
      String aggregateId,
      long aggregateVersion,
      int attempts,
      String lastError,
      Instant createdAt,
      long ageMs,
      Instant nextAttemptAt,
      long waitingBehind) {}

  /** The record of a skip, as stored in {@code outbox_skipped}. */
  record Skip(
      UUID eventId,
      String eventType,
      String aggregateType,
      String aggregateId,
      long aggregateVersion,
      int attempts,
      String lastError,
      String skippedBy,
      Instant skippedAt,
      String reason) {}

  /** Why {@link #retry} or {@link #skip} did nothing. */
  enum Refusal {
    /** No outbox row has that id (published rows are pruned after {@code retention-ms}). */
    UNKNOWN_ROW,
    /** The row is unpublished but has failed fewer times than the threshold. */
    NOT_STUCK,
    /** The broker acknowledged the row meanwhile. */
    ALREADY_PUBLISHED,
    /** An operator skipped it already. */
    ALREADY_SKIPPED,
    /** A sweeper is sending the row right now; try again in a moment. */
    BUSY,
    /** The reason is blank or longer than {@link #MAX_REASON_LENGTH}. */
    INVALID_REASON
  }

  /** {@link #retry} or {@link #skip} changed nothing, for {@link #refusal()}. */
  final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Refusal refusal;

    public Refused(Refusal refusal, String message) {
      super(message);
      this.refusal = Objects.requireNonNull(refusal, "refusal");
    }

    public Refusal refusal() {
      return refusal;
    }
  }
}
