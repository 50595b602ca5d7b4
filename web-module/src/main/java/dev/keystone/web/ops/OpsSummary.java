package dev.keystone.web.ops;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/ops/summary} answers: the caches and the outbox of this server, read from
 * its MicroProfile Metrics at {@code at}.
 *
 * @param at when the figures were read
 * @param caches one entry per cache that has served at least one read since the server started
 * @param outbox the outbox (a database-wide figure: every server's rows)
 */
public record OpsSummary(Instant at, List<CacheFigures> caches, OutboxFigures outbox) {

  /**
   * One cache's counters since this server started, and the Redis breaker's state.
   *
   * @param hitRatio reads served from the cache (fresh or stale) over all counted reads; {@code
   *     null} before the first read
   * @param breaker {@code open} while the Redis circuit breaker rejects calls (reads go straight to
   *     the database), else {@code closed}; every cache shares the one Redis breaker
   * @param inconsistent cached entries the consistency sampler found different from the database
   *     and still so (docs/cache.md, "Consistency, measured"); {@code null} before its first round
   * @param inconsistentForSeconds how long the oldest of them has been; {@code null} likewise
   */
  public record CacheFigures(
      String cache,
      long hits,
      long stale,
      long misses,
      long nearHits,
      long errors,
      Double hitRatio,
      String breaker,
      Long inconsistent,
      Double inconsistentForSeconds) {}

  /**
   * The transactional outbox.
   *
   * @param backlog rows not yet acknowledged by the broker
   * @param oldestAgeMs age of the oldest of them, 0 when there is none
   * @param sent rows this server had acknowledged since it started
   * @param failed sends of this server that failed or timed out since it started
   */
  public record OutboxFigures(long backlog, long oldestAgeMs, long sent, long failed) {}
}
