package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.cache.CacheOutcome;
import dev.keystone.cache.CacheSettings;
import dev.keystone.cache.Cached;
import dev.keystone.cache.internal.CacheEngineTest.Item;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The interceptor around a {@code @Cached} method: the engine answers, the request learns how, and
 * the read is a span with its outcome when tracing is on, no span at all when it is off.
 */
class CacheInterceptorTest {

  /** A service with a cached finder, as the shop's are. */
  public static class Items {
    @Cached(cache = "item")
    public Item find(long id) {
      return new Item(id, "v1", 1);
    }
  }

  final InMemoryStore redis = new InMemoryStore();
  final AtomicInteger loads = new AtomicInteger();
  final RequestCacheStatus status = new RequestCacheStatus();

  @Test
  void withTracingOnAReadIsASpanWithItsOutcomeAndItsRedisCallsInside() throws Exception {
    var otel = RecordingTracing.on();
    var interceptor = interceptor(otel);

    assertThat(interceptor.read(find(42))).isEqualTo(new Item(42, "v1", 1));
    assertThat(interceptor.read(find(42))).isEqualTo(new Item(42, "v1", 1));

    assertThat(otel.spans())
        .containsSubsequence(
            "start cache read item",
            "cache read item keystone.cache.key=keystone:v2:{item:42}",
            "start redis get",
            "end redis get",
            "cache read item keystone.cache.outcome=miss",
            "end cache read item",
            "start cache read item",
            "start redis get",
            "end redis get",
            "cache read item keystone.cache.outcome=hit",
            "end cache read item");
    assertThat(status.outcome()).isEqualTo(CacheOutcome.HIT);
    assertThat(loads).hasValue(1);
  }

  @Test
  void withTracingOffAReadBuildsNoSpanAndStillTellsTheRequestHowItWasAnswered() throws Exception {
    var otel = RecordingTracing.off();
    var interceptor = interceptor(otel);

    var first = interceptor.read(find(42));
    assertThat(status.outcome()).isEqualTo(CacheOutcome.MISS);
    var second = interceptor.read(find(42));

    assertThat(second).isEqualTo(first).isEqualTo(new Item(42, "v1", 1));
    assertThat(status.outcome()).isEqualTo(CacheOutcome.HIT);
    assertThat(status.entity(second))
        .as("the cached JSON is sent for the value the hit returned")
        .isEqualTo(CacheJson.write(second, Item.class));
    assertThat(loads).hasValue(1);
    assertThat(otel.spans()).isEmpty();
  }

  private CacheInterceptor interceptor(RecordingTracing otel) {
    var store =
        new GuardedStore(
            new TracedStore(redis, otel.tracing),
            new Breaker(4, 0.5, 1_000_000_000L, System::nanoTime),
            new TestCounts(),
            System::currentTimeMillis);
    var fills = new CacheFills(store, new TestCounts(), System::currentTimeMillis);
    var settings =
        new CacheSettings(
            true,
            true,
            Duration.ofSeconds(60),
            0,
            Duration.ofSeconds(60),
            0,
            Duration.ofMillis(200),
            Duration.ofSeconds(5),
            false,
            Duration.ofSeconds(1));
    var engine =
        new CacheEngine(
            store,
            new NearCache(),
            new TestCounts(),
            cache -> settings,
            fills,
            new BackgroundRefresh(store, fills, Runnable::run),
            System::currentTimeMillis,
            () -> 1.0);
    var interceptor = new CacheInterceptor();
    interceptor.wiring =
        new CacheWiring() {
          @Override
          public CacheEngine engine() {
            return engine;
          }
        };
    interceptor.status = status;
    interceptor.tracing = otel.tracing;
    return interceptor;
  }

  /** The container's invocation of {@code Items.find(id)}. */
  private InvocationContext find(long id) throws NoSuchMethodException {
    Method method = Items.class.getMethod("find", long.class);
    var target = new Items();
    return (InvocationContext)
        Proxy.newProxyInstance(
            InvocationContext.class.getClassLoader(),
            new Class<?>[] {InvocationContext.class},
            (proxy, m, args) ->
                switch (m.getName()) {
                  case "getMethod" -> method;
                  case "getTarget" -> target;
                  case "getParameters" -> new Object[] {id};
                  case "proceed" -> {
                    loads.incrementAndGet();
                    yield target.find(id);
                  }
                  default -> throw new UnsupportedOperationException(m.getName());
                });
  }
}
