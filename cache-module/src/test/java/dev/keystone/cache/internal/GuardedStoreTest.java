package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker in front of the store, and the state its gauge reports. */
class GuardedStoreTest {

  final InMemoryStore redis = new InMemoryStore();
  final AtomicLong nanos = new AtomicLong();
  final AtomicLong millis = new AtomicLong(1_000_000);
  final GuardedStore store =
      new GuardedStore(
          redis, new Breaker(4, 0.5, 1_000_000_000L, nanos::get), new TestCounts(), millis::get);

  @Test
  void theGaugeSaysOpenFromTheFirstRejectionUntilATrialCallSucceeded() throws Exception {
    assertThat(store.breakerOpen()).isFalse();
    redis.failing = true;
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> store.get("c", "k")).isInstanceOf(GuardedStore.Unavailable.class);
    }
    assertThat(redis.calls.get()).as("the third call was rejected").isEqualTo(2);
    millis.addAndGet(10_000); // a slow scrape, long after the last rejection
    assertThat(store.breakerOpen()).isTrue();

    redis.failing = false;
    nanos.addAndGet(1_000_000_000L);
    assertThat(store.get("c", "k")).isNull(); // the trial call closes it
    millis.addAndGet(10_000);
    assertThat(store.breakerOpen()).isFalse();
  }
}
