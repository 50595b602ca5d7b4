package dev.keystone.cache;

import java.util.Map;
import java.util.Set;

/**
 * The database's current version of one cache's values, for the consistency sampler (docs/cache.md,
 * "Consistency, measured"). An application implements it as an {@code @ApplicationScoped} bean for
 * each cache it wants measured; the sampler compares a bounded sample of cached entries with it,
 * off the request path.
 */
public interface CurrentVersions {

  /** The cache it answers for, as named in {@code @Cached(cache = ...)}. */
  String cache();

  /**
   * The current version of each of {@code ids} that still exists (an id absent from the answer no
   * longer exists). The ids are as they appear in the cache's keys: the text of the cached method's
   * first parameter.
   */
  Map<String, Long> of(Set<String> ids);
}
