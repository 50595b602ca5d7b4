package dev.keystone.cache.internal;

import dev.keystone.cache.CacheSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes a key off the request thread on the server's managed executor (stale-while-revalidate
 * and XFetch, docs/architecture.md §5.1): at most one refresh per key in this JVM, and only if it
 * wins the key's cross-node lease, so at most one across the cluster. The loader is the target
 * method called directly (no interceptor: the refresh must not consult the cache it refreshes).
 */
@ApplicationScoped
public class BackgroundRefresh {

  @Inject RedisGate redis;
  @Inject CacheEngine engine;

  @Resource ManagedExecutorService executor;

  private static final Logger LOG = Logger.getLogger(BackgroundRefresh.class.getName());

  /**
   * Set while a refresh calls the loader: the target may be the container's intercepted instance,
   * and the cache interceptor must then step aside instead of answering from the cache.
   */
  private static final ThreadLocal<Boolean> LOADING = new ThreadLocal<>();

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** True on a refresh's own call to the loader. */
  static boolean loading() {
    return LOADING.get() != null;
  }

  /**
   * Starts a refresh of {@code key} unless one runs; true if this call started it. {@code seen} is
   * the entry the caller read: a reader can hold it while another refresh completes, so once the
   * lease is ours the refresh first checks that Redis still holds that entry and skips the load if
   * it was replaced meanwhile (otherwise one stale read could cost a second load).
   */
  boolean refresh(
      InvocationContext ctx, String cache, String key, CacheSettings s, CacheEntry seen) {
    if (!running.add(key)) {
      return false;
    }
    var target = ctx.getTarget();
    var method = ctx.getMethod();
    var params = ctx.getParameters().clone();
    var type = method.getGenericReturnType();
    try {
      executor.execute(
          () -> {
            try {
              var token = UUID.randomUUID().toString();
              if (redis.call(
                  cache, r -> CacheProtocol.tryLease(r, key, token, s.lease().toMillis()))) {
                if (replaced(cache, key, seen)) {
                  redis.quietly(
                      cache,
                      r -> {
                        CacheProtocol.release(r, key, token);
                        return null;
                      });
                } else {
                  load(cache, key, token, s, () -> invoke(method, target, params), type);
                }
              }
            } catch (RedisCache.RedisUnavailable e) {
              // Redis went away: the stale copy simply ages out
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

  private boolean replaced(String cache, String key, CacheEntry seen)
      throws RedisCache.RedisUnavailable {
    var current = redis.call(cache, r -> CacheProtocol.get(r, key));
    return current != null && current.softExpiryMs() != seen.softExpiryMs();
  }

  private static Object invoke(java.lang.reflect.Method method, Object target, Object[] params)
      throws Exception {
    LOADING.set(Boolean.TRUE);
    try {
      return method.invoke(target, params);
    } finally {
      LOADING.remove();
    }
  }

  private void load(
      String cache,
      String key,
      String token,
      CacheSettings s,
      java.util.concurrent.Callable<Object> loader,
      java.lang.reflect.Type type) {
    CacheEngine.Loaded loaded;
    try {
      loaded = CacheEngine.Loaded.load(loader, type, s);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "Background refresh of " + key + " failed", e);
      redis.quietly(
          cache,
          r -> {
            CacheProtocol.release(r, key, token);
            return null;
          });
      return;
    }
    engine.fill(cache, key, token, loaded);
  }
}
