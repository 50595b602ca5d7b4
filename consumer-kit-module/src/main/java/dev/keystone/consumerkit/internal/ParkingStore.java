package dev.keystone.consumerkit.internal;

import dev.keystone.consumerkit.IncomingRecord;
import dev.keystone.consumerkit.ParkedMessage;
import dev.keystone.consumerkit.ParkedMessages;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The parked messages per (consumer, key), as the kit's transactions use them; every method runs in
 * the caller's transaction. {@link ParkedMessages} is the PostgreSQL one. A port, so that the kit's
 * parking can be tested against an in-memory store.
 */
public interface ParkingStore {

  /** Serialises decisions about (consumer, key) until the transaction ends. */
  void lockKey(String consumer, String key) throws SQLException;

  /** True if anything of this key is parked for this consumer. */
  boolean isParked(String consumer, String key) throws SQLException;

  /** Parks a message at the end of its key's queue; a redelivered parked event is kept once. */
  void park(
      String consumer, IncomingRecord record, UUID eventId, boolean deadLettered, String error)
      throws SQLException;

  /** The oldest parked message of a key. */
  Optional<ParkedMessage> head(String consumer, String key) throws SQLException;

  /** Marks a message as the failed head of its key, with the error of the latest attempt. */
  void markFailed(long seq, String error) throws SQLException;

  /**
   * Deletes parked messages of a key: one ({@code seq} given) or all.
   *
   * @return how many were deleted
   */
  int delete(String consumer, String key, Long seq) throws SQLException;
}
