package dev.keystone.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Redis calls' spans (docs/tracing.md): built when tracing is on, skipped when it is off. */
class TracedStoreTest {

  static final String KEY = "keystone:v2:{item:42}";
  static final CacheEntry ENTRY = new CacheEntry(3, 5, Long.MAX_VALUE, "{\"id\":42}");

  final InMemoryStore redis = new InMemoryStore();

  @Test
  void withTracingOnEveryCallIsAClientSpanNamedAfterItsOperation() {
    var otel = RecordingTracing.on();
    var store = new TracedStore(redis, otel.tracing);
    redis.values.put(KEY, ENTRY);

    assertThat(store.get(KEY)).isEqualTo(ENTRY);
    assertThat(store.tryLease(KEY, "t", 1000)).isTrue();
    store.release(KEY, "t");
    store.invalidate(KEY);

    assertThat(otel.spans())
        .containsSubsequence(
            "start redis get",
            "redis get db.system=redis",
            "redis get db.operation.name=get",
            "redis get keystone.cache.key=" + KEY,
            "end redis get",
            "start redis lease",
            "end redis lease",
            "start redis release",
            "end redis release",
            "start redis invalidate",
            "end redis invalidate");
    assertThat(redis.values).as("the calls reached the store").isEmpty();
  }

  @Test
  void withTracingOnAFailedCallMarksItsSpanAndStillFails() {
    var otel = RecordingTracing.on();
    var store = new TracedStore(redis, otel.tracing);
    redis.failing = true;

    assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(RuntimeException.class);

    assertThat(otel.spans())
        .containsSubsequence("start redis get", "redis get status ERROR", "end redis get");
  }

  @Test
  void withTracingOffNoSpanIsBuiltAndTheCallsStillReachTheStore() {
    var otel = RecordingTracing.off();
    var store = new TracedStore(redis, otel.tracing);
    redis.values.put(KEY, ENTRY);

    assertThat(store.get(KEY)).isEqualTo(ENTRY);
    assertThat(store.tryLease(KEY, "t", 1000)).isTrue();
    store.put(KEY, ENTRY, 1000);
    store.invalidate(KEY);
    redis.failing = true;
    assertThatThrownBy(() -> store.get(KEY)).isInstanceOf(RuntimeException.class);

    assertThat(otel.spans()).isEmpty();
    assertThat(otel.events).as("only the one probe that decided it").hasSize(1);
    assertThat(redis.calls.get()).as("get, lease, put, invalidate, failed get").isEqualTo(5);
    assertThat(redis.values).isEmpty();
  }
}
