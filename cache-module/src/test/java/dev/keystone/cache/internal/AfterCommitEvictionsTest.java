package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md §5.2: an eviction asked for inside a transaction waits for its commit, is
 * dropped by a rollback, removes the value and its lease (so a fill that began before it is
 * refused), and is immediate without a transaction.
 */
class AfterCommitEvictionsTest {

  static final String KEY = "keystone:v2:{product:42}";

  final InMemoryStore redis = new InMemoryStore();
  final FakeTransactions transactions = new FakeTransactions();
  final AfterCommitEvictions evictions =
      new AfterCommitEvictions(
          new GuardedStore(redis, new Breaker(4, 0.5, 1, System::nanoTime), (c, e) -> {}, () -> 0),
          new NearCache(),
          transactions);

  @Test
  void insideATransactionTheEntryAndItsLeaseGoOnlyAfterTheCommit() {
    redis.values.put(KEY, new CacheEntry(1, 5, Long.MAX_VALUE, "{}"));
    redis.leases.put(KEY, "a-reader-loading-the-old-row");
    transactions.status = Status.STATUS_ACTIVE;

    evictions.evictAfterCommit("product", 42L);
    assertThat(redis.values).as("still there before the commit").containsKey(KEY);
    assertThat(redis.invalidations.get()).isZero();

    transactions.complete(Status.STATUS_COMMITTED);
    assertThat(redis.values).isEmpty();
    assertThat(redis.leases).as("the in-flight fill loses its lease").isEmpty();
    assertThat(redis.invalidations.get()).isEqualTo(1);
  }

  @Test
  void aRolledBackTransactionEvictsNothing() {
    redis.values.put(KEY, new CacheEntry(1, 5, Long.MAX_VALUE, "{}"));
    transactions.status = Status.STATUS_ACTIVE;

    evictions.evictAfterCommit("product", 42L);
    transactions.complete(Status.STATUS_ROLLEDBACK);
    assertThat(redis.values).containsKey(KEY);
    assertThat(redis.invalidations.get()).isZero();
  }

  @Test
  void withoutATransactionTheEntryGoesAtOnce() {
    redis.values.put(KEY, new CacheEntry(1, 5, Long.MAX_VALUE, "{}"));
    transactions.status = Status.STATUS_NO_TRANSACTION;

    evictions.evictAfterCommit("product", 42L);
    assertThat(redis.values).isEmpty();
    assertThat(transactions.registered).isEmpty();
  }

  @Test
  void aRedisFailureNeverFailsTheWriter() {
    redis.failing = true;
    transactions.status = Status.STATUS_ACTIVE;

    evictions.evictAfterCommit("product", 42L);
    transactions.complete(Status.STATUS_COMMITTED);
    assertThat(redis.calls.get()).isEqualTo(1);
  }

  /** One transaction's status and its interposed synchronizations. */
  static final class FakeTransactions implements TransactionSynchronizationRegistry {
    int status = Status.STATUS_NO_TRANSACTION;
    final List<Synchronization> registered = new ArrayList<>();
    private final AtomicLong key = new AtomicLong();

    void complete(int outcome) {
      registered.forEach(Synchronization::beforeCompletion);
      status = outcome;
      registered.forEach(s -> s.afterCompletion(outcome));
    }

    @Override
    public Object getTransactionKey() {
      return key;
    }

    @Override
    public void putResource(Object k, Object value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object getResource(Object k) {
      return null;
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
      registered.add(sync);
    }

    @Override
    public int getTransactionStatus() {
      return status;
    }

    @Override
    public void setRollbackOnly() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean getRollbackOnly() {
      return false;
    }
  }
}
