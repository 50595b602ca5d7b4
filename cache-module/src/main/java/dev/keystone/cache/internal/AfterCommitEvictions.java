package dev.keystone.cache.internal;

import dev.keystone.cache.CacheEvictions;
import dev.keystone.platform.cachekeys.CacheKeys;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * {@link CacheEvictions} on a JTA transaction (docs/architecture.md §5.2): the eviction is an
 * interposed synchronization that runs after a successful commit. Evicting before commit would let
 * a concurrent miss load the old row and put it back. The eviction deletes the value and its fill
 * lease and announces the key to every near cache ({@link CacheProtocol#invalidate}): a fill that
 * began before it finds its lease gone and is refused, so it cannot land after it.
 */
final class AfterCommitEvictions implements CacheEvictions {

  private final GuardedStore store;
  private final NearCache near;
  private final TransactionSynchronizationRegistry transactions;

  AfterCommitEvictions(
      GuardedStore store, NearCache near, TransactionSynchronizationRegistry transactions) {
    this.store = store;
    this.near = near;
    this.transactions = transactions;
  }

  @Override
  public void evictAfterCommit(String cache, Object id) {
    var key = CacheKeys.key(cache, id);
    if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
      transactions.registerInterposedSynchronization(afterCommit(cache, key));
    } else {
      evict(cache, key);
    }
  }

  private void evict(String cache, String key) {
    near.invalidate(key);
    store.invalidate(cache, key);
  }

  private Synchronization afterCommit(String cache, String key) {
    return new Synchronization() {
      @Override
      public void beforeCompletion() {}

      @Override
      public void afterCompletion(int status) {
        if (status == Status.STATUS_COMMITTED) {
          evict(cache, key);
        }
      }
    };
  }
}
