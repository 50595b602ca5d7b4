package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * A consumer's gate during a rebuild from the log (docs/consumers.md, "Rebuilding a consumer"), as
 * the kit's transactions use it; every method runs in the caller's transaction. While a rebuild of
 * a consumer is requested or running, every server holds that consumer's live deliveries instead of
 * applying them; the rebuild applies them after its re-read, then opens the gate. {@link
 * HeldMessages} is the PostgreSQL one. A port, so that the switch can be tested in memory.
 *
 * <p>The gate is a lock shared by every live delivery and taken exclusively by the rebuild's reset
 * and by its opening: a delivery's decision (apply or hold) and the reset never interleave, on any
 * server.
 */
public interface RebuildGate {

  /** One held delivery. */
  record Held(long seq, IncomingRecord record) {}

  /**
   * Holds the delivery if a rebuild of {@code consumer} is requested or running; takes the gate's
   * shared lock first.
   *
   * @return true if held (the caller applies nothing)
   */
  boolean holdIfRebuilding(String consumer, IncomingRecord record, UUID eventId)
      throws SQLException;

  /**
   * Takes the gate exclusively (waiting for deliveries in flight) and forgets everything the kit
   * knows of {@code consumer}: its dedup rows, versions and parked messages. Held deliveries stay.
   */
  void closeAndForget(String consumer) throws SQLException;

  /** The oldest held deliveries of {@code consumer}, at most {@code limit}, in arrival order. */
  List<Held> held(String consumer, int limit) throws SQLException;

  /** How many deliveries of {@code consumer} are held. */
  long heldCount(String consumer) throws SQLException;

  /** Removes one held delivery once applied. */
  void release(long seq) throws SQLException;

  /**
   * Takes the gate exclusively and, if nothing of {@code consumer} is held any more, marks rebuild
   * {@code rebuildId} done, if {@code runner} still holds its claim: from its commit on, deliveries
   * apply again.
   *
   * @return whether the gate opened; false when deliveries arrived meanwhile (drain them first)
   * @throws IllegalStateException when the rebuild is not running (any more) under this claim
   */
  boolean openIfDrained(String consumer, long rebuildId, String runner) throws SQLException;
}
