package dev.keystone.samples.notes;

import dev.keystone.cache.CacheEvict;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sample's one use of cache eviction. A bean of its own because the interceptor sees only calls
 * that come through the container: {@link Notes} calling a method of its own would not be
 * intercepted.
 */
@ApplicationScoped
public class NoteEviction {

  /**
   * Drops the note's cache entry after the caller's transaction commits (at once without one); a
   * rolled-back edit evicts nothing.
   */
  @CacheEvict(cache = Notes.CACHE)
  public void evict(long id) {
    // the cache library's interceptor does the work
  }
}
