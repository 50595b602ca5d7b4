package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.ConsumerSpans;
import dev.keystone.consumerkit.EventEffect;
import dev.keystone.consumerkit.IncomingRecord;
import dev.keystone.consumerkit.ReceivedEvent;
import dev.keystone.platform.tracing.Spans;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The kit's transactions, each a new one ({@link TransactionRunner}): the consumer's decision for
 * one message (park, skip or apply) and the operator's replay step. Every one takes the (consumer,
 * key) lock first, so a replay and a newly arriving message of the same key never interleave, even
 * on different servers.
 */
@ApplicationScoped
public class KitTransactions {

  private final TransactionRunner transactions;
  private final DedupStore processed;
  private final ParkingStore parked;
  private final RebuildGate gate;

  /** Replaced by the container's; a plain instance (no-op spans) for tests without one. */
  @Inject ConsumerSpans spans = new ConsumerSpans();

  @Inject
  public KitTransactions(
      TransactionRunner transactions, DedupStore processed, ParkingStore parked, RebuildGate gate) {
    this.transactions = transactions;
    this.processed = processed;
    this.parked = parked;
    this.gate = gate;
  }

  /** For the container's client proxy only. */
  protected KitTransactions() {
    this(null, null, null, null);
  }

  /**
   * Parks the message if its key is parked; otherwise records it as processed and applies the
   * effect, unless it is a duplicate. Dedup row and effect commit together. A live delivery ({@code
   * live}) is held instead while its consumer is being rebuilt; the rebuild's own reading of the
   * log is not.
   */
  public Outcome applyOrPark(
      EventEffect effect, IncomingRecord record, ReceivedEvent event, boolean live) {
    var consumer = effect.consumer();
    try {
      return transactions.inNewTransaction(
          () -> {
            if (live && gate.holdIfRebuilding(consumer, record, event.id())) {
              return Outcome.HELD;
            }
            parked.lockKey(consumer, record.key());
            if (parked.isParked(consumer, record.key())) {
              parked.park(consumer, record, event.id(), false, null);
              return Outcome.PARKED;
            }
            if (!processed.firstTime(consumer, event.id())) {
              return Outcome.DUPLICATE;
            }
            applyIfRead(effect, event);
            return Outcome.APPLIED;
          });
    } catch (SQLException e) {
      throw new IllegalStateException(consumer + " could not apply event " + event.id(), e);
    }
  }

  /**
   * Applies the event unless the effect does not read its schema version (docs/events.md): the
   * other version's copy of the same change carries the effect.
   */
  private static void applyIfRead(EventEffect effect, ReceivedEvent event) throws SQLException {
    if (effect.readsSchemaVersion(event.type(), event.schemaVersion())) {
      effect.apply(event);
    }
  }

  /** Parks a message that failed every attempt as the head of its key. */
  public void parkDeadLettered(String consumer, IncomingRecord record, UUID eventId, String error) {
    try {
      transactions.inNewTransaction(
          () -> {
            parked.lockKey(consumer, record.key());
            parked.park(consumer, record, eventId, true, error);
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException(consumer + " could not park " + record, e);
    }
  }

  /**
   * Applies the oldest parked message of a key (unless already processed) and removes it.
   *
   * @return the outcome, or empty when nothing of the key is parked any more
   * @throws RuntimeException when the message fails again; nothing is changed then
   */
  public Optional<Outcome> replayHead(EventEffect effect, String key) {
    var consumer = effect.consumer();
    try {
      return transactions.inNewTransaction(
          () -> {
            parked.lockKey(consumer, key);
            var head = parked.head(consumer, key);
            if (head.isEmpty()) {
              return Optional.empty();
            }
            var event = ReceivedEvent.parse(head.get().payload());
            var outcome =
                Spans.within(
                    spans.replay(consumer, event),
                    span -> {
                      var result = Outcome.DUPLICATE;
                      if (processed.firstTime(consumer, event.id())) {
                        applyIfRead(effect, event);
                        result = Outcome.APPLIED;
                      }
                      span.setAttribute(
                          "keystone.consumer.outcome", result.name().toLowerCase(Locale.ROOT));
                      return result;
                    });
            parked.delete(consumer, key, head.get().seq());
            return Optional.of(outcome);
          });
    } catch (SQLException e) {
      throw new IllegalStateException(consumer + " could not replay key " + key, e);
    }
  }

  /** Records why the head of a key failed again. */
  public void markHeadFailed(String consumer, String key, String error) {
    try {
      transactions.inNewTransaction(
          () -> {
            var head = parked.head(consumer, key);
            if (head.isPresent()) {
              parked.markFailed(head.get().seq(), error);
            }
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException(consumer + " could not mark key " + key, e);
    }
  }

  /** Deletes parked messages of a key under its lock: one ({@code seq}) or all. */
  public int discard(String consumer, String key, Long seq) {
    try {
      return transactions.inNewTransaction(
          () -> {
            parked.lockKey(consumer, key);
            return parked.delete(consumer, key, seq);
          });
    } catch (SQLException e) {
      throw new IllegalStateException(consumer + " could not discard key " + key, e);
    }
  }

  /**
   * The rebuild's reset, one transaction: closes the consumer's gate for deliveries in flight,
   * empties its projection and forgets its dedup rows, versions and parked messages.
   */
  public void resetForRebuild(EventEffect effect) {
    try {
      transactions.inNewTransaction(
          () -> {
            gate.closeAndForget(effect.consumer());
            effect.emptyProjection();
            return null;
          });
    } catch (SQLException e) {
      throw new IllegalStateException(effect.consumer() + " could not be reset", e);
    }
  }

  /** The oldest deliveries held during a rebuild of {@code consumer}, in arrival order. */
  public List<RebuildGate.Held> held(String consumer, int limit) {
    return inTransaction(() -> gate.held(consumer, limit), "read the held deliveries");
  }

  /** How many deliveries of {@code consumer} are held. */
  public long heldCount(String consumer) {
    return inTransaction(() -> gate.heldCount(consumer), "count the held deliveries");
  }

  /** Removes a held delivery that was applied. */
  public void release(long seq) {
    inTransaction(
        () -> {
          gate.release(seq);
          return null;
        },
        "release a held delivery");
  }

  /** Opens the gate unless deliveries are still held; see {@link RebuildGate#openIfDrained}. */
  public boolean openIfDrained(String consumer, long rebuildId, String runner) {
    return inTransaction(() -> gate.openIfDrained(consumer, rebuildId, runner), "open the gate");
  }

  private <T> T inTransaction(TransactionRunner.Work<T> work, String what) {
    try {
      return transactions.inNewTransaction(work);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not " + what, e);
    }
  }

  /** True if PostgreSQL answers: a failure while it does not is an outage, not a poison message. */
  public boolean databaseAnswers() {
    return transactions.databaseAnswers();
  }
}
