package dev.keystone.consumerkit;

import java.time.Instant;

/**
 * One rebuild of a consumer from the log, as recorded and reported (docs/consumers.md, "Rebuilding
 * a consumer").
 *
 * @param state {@code requested} (its gate is closed, no server has started it yet), {@code
 *     running} or {@code done}
 * @param requestedBy the subject of the operator's token
 * @param suppressExternal whether effects that leave the system (mail) were suppressed for the
 *     re-read records
 * @param read records re-read from the log so far
 * @param lag what is left: records still to re-read plus live deliveries held meanwhile; null until
 *     the reading has started, 0 when done
 * @param error the last failure of a run, retried by the next server that picks the rebuild up
 */
public record Rebuild(
    long id,
    String consumer,
    String state,
    String requestedBy,
    Instant requestedAt,
    boolean suppressExternal,
    Instant startedAt,
    Instant finishedAt,
    long read,
    Long lag,
    String error) {

  /** True while the consumer's gate is closed. */
  public boolean active() {
    return !"done".equals(state);
  }
}
