package dev.keystone.cache.internal;

import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.internal.GuardedStore.Unavailable;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes a key off the request thread (stale-while-revalidate and XFetch, docs/architecture.md
 * §5.1): at most one refresh per key in this JVM, and only if it wins the key's cross-node lease,
 * so at most one across the cluster. It needs the store and the fills, never the engine: the engine
 * hands it the loader ({@link CachedCall#detached()}).
 */
final class BackgroundRefresh {

  private static final Logger LOG = Logger.getLogger(BackgroundRefresh.class.getName());

  private final GuardedStore store;
  private final CacheFills fills;
  private final Executor executor;

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /**
   * @param executor the server's managed executor (a test's queue in unit tests)
   */
  BackgroundRefresh(GuardedStore store, CacheFills fills, Executor executor) {
    this.store = store;
    this.fills = fills;
    this.executor = executor;
  }

  /**
   * Starts a refresh of the call's key unless one runs; true if this call started it. {@code seen}
   * is the entry the caller read: a reader can hold it while another refresh completes, so once the
   * lease is ours the refresh first checks that Redis still holds that entry and skips the load if
   * it was replaced meanwhile (otherwise one stale read could cost a second load).
   */
  boolean refresh(CachedCall call, CacheSettings s, CacheEntry seen) {
    var key = call.key();
    if (!running.add(key)) {
      return false;
    }
    var loader = call.detached();
    try {
      executor.execute(
          () -> {
            try {
              run(call, loader, s, seen);
            } finally {
              running.remove(key);
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      running.remove(key);
      return false;
    }
  }

  private void run(CachedCall call, Callable<Object> loader, CacheSettings s, CacheEntry seen) {
    var cache = call.cache();
    var key = call.key();
    var token = UUID.randomUUID().toString();
    try {
      if (!store.tryLease(cache, key, token, s.lease().toMillis())) {
        return; // another node refreshes it
      }
      var current = store.get(cache, key);
      if (current != null && current.softExpiryMs() != seen.softExpiryMs()) {
        store.release(cache, key, token); // replaced meanwhile: nothing to do
        return;
      }
    } catch (Unavailable e) {
      return; // Redis went away: the stale copy simply ages out
    }
    CacheFills.Loaded loaded;
    try {
      loaded = fills.load(loader, call.type(), s);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Background refresh of " + key + " failed", e);
      store.release(cache, key, token);
      return;
    }
    fills.fill(cache, key, token, loaded);
  }
}
