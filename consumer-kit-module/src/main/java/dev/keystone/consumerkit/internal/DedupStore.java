package dev.keystone.consumerkit.internal;

import java.util.UUID;

/**
 * The dedup store as the kit's transactions use it; {@link ProcessedEvents} is the PostgreSQL one.
 * A port, so that the kit's decisions can be tested against an in-memory store.
 */
public interface DedupStore {

  /**
   * Records, in the caller's transaction, that {@code consumer} processed {@code eventId}.
   *
   * @return true the first time; false for a duplicate, whose effect must then be skipped
   */
  boolean firstTime(String consumer, UUID eventId);
}
