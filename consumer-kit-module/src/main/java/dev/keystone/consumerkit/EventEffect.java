package dev.keystone.consumerkit;

import java.sql.SQLException;
import java.util.List;

/**
 * What one consumer does with one event: its effect on its own tables. The kit calls {@link #apply}
 * inside the consumer's transaction, after recording the event as processed, so the effect and the
 * dedup row commit together or not at all.
 *
 * <p>An effect that keeps a current-state projection guards it with {@link AggregateVersions}; an
 * effect throws to refuse an event (the kit retries, then dead-letters it and parks its key).
 */
public interface EventEffect {

  /** The consumer's name: its dedup, version and parking namespace, e.g. {@code analytics}. */
  String consumer();

  /**
   * Applies {@code event}; runs at most once per event id (the kit skips duplicates) in the kit's
   * transaction.
   */
  void apply(ReceivedEvent event) throws SQLException;

  /**
   * Whether this consumer reads {@code version} of the data schema of {@code type}
   * (docs/events.md). An event of a version it does not read is recorded as processed and
   * acknowledged without effect: during a deprecation window the producer publishes every change in
   * both versions, and a consumer takes the copy it understands. Every type starts at version 1; an
   * effect that has learnt a later version overrides this.
   */
  default boolean readsSchemaVersion(String type, int version) {
    return version == 1;
  }

  /**
   * Makes the effect's own storage ready (e.g. runs its migrations), before its first event and
   * outside any transaction. The kit calls it before every message, so it must return at once once
   * done; while the database does not answer it may throw, and the kit waits and calls it again.
   */
  default void prepareStorage() {}

  /**
   * The consumer's incoming channels (their {@code mp.messaging.incoming.<channel>.topic} is what a
   * rebuild re-reads); empty for a consumer that cannot be rebuilt from the log.
   */
  default List<String> channels() {
    return List.of();
  }

  /**
   * Empties the consumer's projection, in the rebuild's reset transaction (together with its dedup
   * rows, versions and parked messages, which the kit forgets itself).
   */
  default void emptyProjection() throws SQLException {
    throw new UnsupportedOperationException(consumer() + " cannot be rebuilt");
  }

  /**
   * True if the effect leaves the system (mail): re-reading the log would repeat it, so such a
   * consumer is rebuilt only with {@link #withoutLeavingTheSystem()}.
   */
  default boolean leavesTheSystem() {
    return false;
  }

  /**
   * The effect a rebuild with external effects suppressed runs for the records it re-reads: the
   * same state, nothing sent. The deliveries held during the rebuild (new events) still get the
   * full effect.
   */
  default EventEffect withoutLeavingTheSystem() {
    return this;
  }
}
