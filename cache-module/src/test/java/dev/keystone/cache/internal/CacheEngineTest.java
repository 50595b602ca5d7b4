package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.Versioned;
import dev.keystone.cache.internal.CacheCounters.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The read path of docs/architecture.md §5.1 and the fence of §5.2, played against an in-memory
 * Redis ({@link InMemoryStore}), a settable clock, a queued executor for background refreshes and a
 * real {@link Breaker} on a test clock. The same behaviour is proven on the real servers by the
 * integration tests of docs/cache.md.
 */
class CacheEngineTest {

  public record Item(long id, String name, long version) implements Versioned {}

  static final String CACHE = "item";
  static final String KEY = "keystone:v2:{item:42}";
  static final long NOW = 1_800_000_000_000L;
  static final long TTL_MS = 10_000;
  static final long GRACE_MS = 60_000;
  static final long BREAKER_DELAY_NANOS = 1_000_000_000L;

  final InMemoryStore redis = new InMemoryStore();
  final TestCounts counts = new TestCounts();
  final AtomicLong clock = new AtomicLong(NOW);
  final AtomicLong breakerNanos = new AtomicLong();
  final List<Runnable> refreshes = new ArrayList<>();
  final List<CacheOutcome> outcomes = new ArrayList<>();
  final TestCall call = new TestCall(CACHE, KEY, Item.class);

  double uniform = 1.0; // XFetch's draw: 1.0 never refreshes before expiry
  CacheEngine engine;

  @BeforeEach
  void wire() {
    engine = engine(settings(true, Duration.ofMillis(200)));
  }

  @Test
  void aHitServesTheStoredValueWithoutLoading() throws Exception {
    var stored = entry(3, NOW + TTL_MS);
    redis.values.put(KEY, stored);

    assertThat(read()).isEqualTo(new Item(42, "v3", 3));
    assertThat(outcomes).containsExactly(CacheOutcome.HIT);
    assertThat(call.loads()).isZero();
    assertThat(counts.of(Event.HITS)).isEqualTo(1);
    assertThat(refreshes).isEmpty();
  }

  @Test
  void aMissLoadsOnceFillsUnderTheLeaseAndTheNextReadHits() throws Exception {
    call.nextVersion(1);

    assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    var filled = redis.values.get(KEY);
    assertThat(filled.version()).isEqualTo(1);
    assertThat(filled.softExpiryMs()).isEqualTo(NOW + TTL_MS);
    assertThat(filled.json()).isEqualTo(CacheJson.write(new Item(42, "v1", 1), Item.class));
    assertThat(redis.ttls.get(KEY)).as("soft TTL + grace").isEqualTo(TTL_MS + GRACE_MS);
    assertThat(redis.leases).as("the lease is released by the fill").isEmpty();

    assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    assertThat(outcomes).containsExactly(CacheOutcome.MISS, CacheOutcome.HIT);
    assertThat(call.loads()).isEqualTo(1);
    assertThat(counts.of(Event.MISSES)).isEqualTo(1);
  }

  @Test
  void whileAnotherNodeHoldsTheLeaseAReaderWaitsForItsFillInsteadOfLoading() throws Exception {
    redis.leases.put(KEY, "other-node");
    redis.otherNodeFillsOnGet(4, KEY, entry(7, NOW + TTL_MS));

    assertThat(read()).isEqualTo(new Item(42, "v7", 7));
    assertThat(outcomes).containsExactly(CacheOutcome.COLLAPSED);
    assertThat(call.loads()).isZero();
    assertThat(counts.of(Event.LEASE_WAITS)).isEqualTo(1);
  }

  @Test
  void whenTheLeaseHolderNeverFillsTheReaderLoadsAfterItsBoundedWaitWithoutCaching()
      throws Exception {
    redis.leases.put(KEY, "other-node");
    call.nextVersion(2);
    long start = System.nanoTime();

    assertThat(read()).isEqualTo(new Item(42, "v2", 2));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(outcomes).containsExactly(CacheOutcome.MISS);
    assertThat(call.loads()).isEqualTo(1);
    assertThat(redis.gets.get()).as("polled the key while waiting").isGreaterThan(1);
    assertThat(redis.values).as("only the lease holder fills").isEmpty();
    assertThat(redis.leases).containsEntry(KEY, "other-node");
  }

  @Test
  void aStaleValueIsServedAtOnceWhileOneBackgroundRefreshReplacesIt() throws Exception {
    redis.values.put(KEY, entry(1, NOW - 1));
    call.nextVersion(2);

    assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    assertThat(outcomes).containsExactly(CacheOutcome.STALE, CacheOutcome.STALE);
    assertThat(call.loads()).as("nothing loaded on the request thread").isZero();
    assertThat(refreshes).as("one refresh for both stale reads").hasSize(1);

    runRefreshes();
    assertThat(call.loads()).isEqualTo(1);
    assertThat(redis.values.get(KEY).version()).isEqualTo(2);
    assertThat(redis.leases).isEmpty();
    assertThat(read()).isEqualTo(new Item(42, "v2", 2));
    assertThat(outcomes).endsWith(CacheOutcome.HIT);
    assertThat(counts.of(Event.STALE)).isEqualTo(2);
  }

  @Test
  void aStaleValueWhoseLeaseAnotherNodeHoldsIsServedAndNotLoadedHere() throws Exception {
    redis.values.put(KEY, entry(1, NOW - 1));
    redis.leases.put(KEY, "other-node");

    assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    runRefreshes();
    assertThat(outcomes).containsExactly(CacheOutcome.STALE);
    assertThat(call.loads()).as("the lease holder refreshes it").isZero();
    assertThat(redis.values.get(KEY).version()).isEqualTo(1);
  }

  @Test
  void xfetchRefreshesAHotKeyShortlyBeforeItExpiresAndServesTheCurrentValue() throws Exception {
    redis.values.put(KEY, new CacheEntry(3, 100, NOW + 50, json(3)));
    call.nextVersion(4);

    read();
    assertThat(refreshes).as("u = 1: not before expiry").isEmpty();

    uniform = 0.01; // 100 ms · β · -ln(0.01) ≈ 460 ms ≥ the 50 ms left
    assertThat(read()).isEqualTo(new Item(42, "v3", 3));
    assertThat(outcomes).containsExactly(CacheOutcome.HIT, CacheOutcome.HIT);
    assertThat(counts.of(Event.EARLY_REFRESHES)).isEqualTo(1);
    runRefreshes();
    assertThat(redis.values.get(KEY).version()).isEqualTo(4);
    assertThat(call.loads()).isEqualTo(1);
  }

  @Test
  void whileTheBreakerIsOpenReadsGoToTheLoaderWithoutCallingRedis() throws Exception {
    redis.failing = true;
    for (int i = 0; i < 6; i++) {
      assertThat(read()).isEqualTo(new Item(42, "v1", 1));
    }
    assertThat(outcomes).hasSize(6).containsOnly(CacheOutcome.UNAVAILABLE);
    assertThat(call.loads()).as("fail-open: every read answered by the loader").isEqualTo(6);
    assertThat(redis.calls.get()).as("2 of the last 4 failed: open, no more calls").isEqualTo(2);
    assertThat(counts.of(Event.ERRORS)).isEqualTo(2);

    redis.failing = false;
    assertThat(read()).as("still open").isNotNull();
    assertThat(redis.calls.get()).isEqualTo(2);

    breakerNanos.addAndGet(BREAKER_DELAY_NANOS);
    call.nextVersion(2);
    read(); // the trial call succeeds: closed again, and this read fills
    assertThat(read()).isEqualTo(new Item(42, "v2", 2));
    assertThat(outcomes).endsWith(CacheOutcome.MISS, CacheOutcome.HIT);
  }

  @Test
  void aFillWhoseLeaseAnEvictionTookIsRefused() throws Exception {
    call.nextVersion(1);
    call.duringLoad(() -> redis.invalidate(KEY)); // a write commits and evicts mid-load

    assertThat(read()).as("the reader still gets its value").isEqualTo(new Item(42, "v1", 1));
    assertThat(redis.values).as("the old row never lands after the eviction").isEmpty();
    assertThat(counts.of(Event.FENCED_FILLS)).isEqualTo(1);

    call.duringLoad(() -> {});
    call.nextVersion(2);
    assertThat(read()).isEqualTo(new Item(42, "v2", 2));
    assertThat(redis.values.get(KEY).version()).isEqualTo(2);
  }

  @Test
  void aFillNeverOverwritesANewerVersion() throws Exception {
    call.nextVersion(4);
    call.duringLoad(() -> redis.values.put(KEY, entry(5, NOW + TTL_MS)));

    assertThat(read()).isEqualTo(new Item(42, "v4", 4));
    assertThat(redis.values.get(KEY).version()).isEqualTo(5);
    assertThat(redis.leases).isEmpty();
    assertThat(counts.of(Event.FENCED_FILLS)).isEqualTo(1);
  }

  @Test
  void concurrentMissesInOneJvmShareOneLoad() throws Exception {
    var loading = new CountDownLatch(1);
    call.duringLoad(() -> block(loading));
    var first = CompletableFuture.supplyAsync(this::readUnchecked);
    await().atMost(Duration.ofMillis(2000)).until(() -> call.loads() == 1);
    var second = CompletableFuture.supplyAsync(this::readUnchecked);
    await().atMost(Duration.ofMillis(2000)).until(() -> counts.of(Event.COALESCED_WAITS) == 1);
    loading.countDown();

    assertThat(first.get(2, TimeUnit.SECONDS)).isEqualTo(second.get(2, TimeUnit.SECONDS));
    assertThat(call.loads()).isEqualTo(1);
  }

  @Test
  void withProtectionOffAMissIsAPlainLoadAndWrite() throws Exception {
    engine = engine(settings(false, Duration.ofMillis(200)));
    redis.values.put(KEY, entry(1, NOW - 1));
    call.nextVersion(2);

    assertThat(read()).isEqualTo(new Item(42, "v2", 2));
    assertThat(redis.values.get(KEY).version()).isEqualTo(2);
    assertThat(redis.leases).isEmpty();
    assertThat(refreshes).isEmpty();
  }

  private Object read() throws Exception {
    return engine.read(call, (outcome, value, json) -> outcomes.add(outcome));
  }

  private Object readUnchecked() {
    try {
      return engine.read(call, (outcome, value, json) -> {});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void runRefreshes() {
    var queued = List.copyOf(refreshes);
    refreshes.clear();
    queued.forEach(Runnable::run);
  }

  private CacheEngine engine(CacheSettings s) {
    var breaker = new Breaker(4, 0.5, BREAKER_DELAY_NANOS, breakerNanos::get);
    var store = new GuardedStore(redis, breaker, counts, clock::get);
    var fills = new CacheFills(store, counts, clock::get);
    return new CacheEngine(
        store,
        new NearCache(),
        counts,
        cache -> s,
        fills,
        new BackgroundRefresh(store, fills, refreshes::add),
        clock::get,
        () -> uniform);
  }

  private static CacheSettings settings(boolean protection, Duration maxWait) {
    return new CacheSettings(
        true,
        protection,
        Duration.ofMillis(TTL_MS),
        0,
        Duration.ofMillis(GRACE_MS),
        1.0,
        maxWait,
        Duration.ofSeconds(5),
        false,
        Duration.ofSeconds(1));
  }

  private static CacheEntry entry(long version, long softExpiryMs) {
    return new CacheEntry(version, 5, softExpiryMs, json(version));
  }

  private static String json(long version) {
    return CacheJson.write(new Item(42, "v" + version, version), Item.class);
  }

  private static void block(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
