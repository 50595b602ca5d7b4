package dev.keystone.cache;

/**
 * Explicit invalidation on write (docs/architecture.md §5.2). Inject it into the service that
 * changes the data and call {@link #evictAfterCommit} in the writing transaction, once per changed
 * entry:
 *
 * <pre>{@code
 * @Inject CacheEvictions evictions;
 *
 * @Transactional
 * public void rename(long id, String name) {
 *   ...
 *   evictions.evictAfterCommit("product", id);
 * }
 * }</pre>
 */
public interface CacheEvictions {

  /**
   * Deletes the entry {@code keystone:v2:{<cache>:<id>}} once the surrounding JTA transaction has
   * committed — never before: an eviction before commit lets a concurrent read put the old value
   * back. The eviction also deletes the key's fill lease, so a fill that read the old row before
   * the commit is refused, and drops the key from every server's near cache. Nothing happens if the
   * transaction rolls back; without a transaction the entry is deleted at once. Never fails the
   * caller: if Redis cannot take the eviction, the entry ends by its TTL.
   *
   * @param cache the cache name, as in {@link Cached#cache()}
   * @param id the entry's id, as the first parameter of the {@link Cached} method
   */
  void evictAfterCommit(String cache, Object id);
}
