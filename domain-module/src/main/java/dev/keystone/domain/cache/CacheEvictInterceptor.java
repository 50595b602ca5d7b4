package dev.keystone.domain.cache;

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
 * Evicts after commit (seed §5.2, explicit invalidation on write). Evicting before commit would let
 * a concurrent miss load the old row and put it back; evicting after commit leaves only the short
 * window that the version fence closes.
 */
@CacheEvict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class CacheEvictInterceptor {

  @Inject RedisCache redis;

  @Resource TransactionSynchronizationRegistry transactions;

  @AroundInvoke
  Object evict(InvocationContext ctx) throws Exception {
    var result = ctx.proceed();
    var cache = ctx.getMethod().getAnnotation(CacheEvict.class).cache();
    var key = CacheKeys.key(cache, ctx.getParameters()[0]);
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(afterCommit(key));
    } else {
      redis.delete(key);
    }
    return result;
  }

  private Synchronization afterCommit(String key) {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
          redis.delete(key);
        }
      }
    };
  }
}
