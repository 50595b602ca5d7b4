package dev.keystone.cache.internal;

import dev.keystone.cache.CacheEvict;
import dev.keystone.platform.cachekeys.CacheKeys;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Evicts after commit (docs/architecture.md §5.2, explicit invalidation on write). Evicting before
 * commit would let a concurrent miss load the old row and put it back. The eviction deletes the
 * value and its fill lease and announces the key to every near cache ({@link
 * CacheProtocol#invalidate}): a fill that began before it finds its lease gone and is rejected, so
 * it cannot land after it.
 */
@CacheEvict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheEvictInterceptor {

  @Inject RedisGate redis;
  @Inject NearCache near;

  @Resource TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  Object evict(InvocationContext ctx) throws Exception {
    var result = ctx.proceed();
    var cache = ctx.getMethod().getAnnotation(CacheEvict.class).cache();
    var key = CacheKeys.key(cache, ctx.getParameters()[0]);
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(afterCommit(cache, key));
    } else {
      invalidate(cache, key);
    }
    return result;
  }

  private void invalidate(String cache, String key) {
    near.invalidate(key);
    redis.quietly(
        cache,
        r -> {
          CacheProtocol.invalidate(r, key);
          return null;
        });
  }

  private Synchronization afterCommit(String cache, String key) {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
          invalidate(cache, key);
        }
      }
    };
  }
}
