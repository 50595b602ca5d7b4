package dev.keystone.domain.cache;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.interceptor.InvocationContext;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Refreshes a key off the request thread on the server's managed executor (stale-while-revalidate
 * and XFetch, seed §5.1): at most one refresh per key in this JVM, and only if it wins the key's
 * cross-node lease, so at most one across the cluster. The loader is the target method called
 * directly (no interceptor: the refresh must not consult the cache it refreshes).
 */
@ApplicationScoped
public class BackgroundRefresh {

  @Inject RedisGate redis;
  @Inject CacheEngine engine;

  @Resource ManagedExecutorService executor;

  private final Set<String> running = ConcurrentHashMap.newKeySet();

  /** Starts a refresh of {@code key} unless one runs; true if this call started it. */
  boolean refresh(InvocationContext ctx, String cache, String key, CacheSettings s) {
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
                load(cache, key, token, s, () -> method.invoke(target, params), type);
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
