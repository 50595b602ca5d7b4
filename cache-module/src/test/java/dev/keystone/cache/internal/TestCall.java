package dev.keystone.cache.internal;

import dev.keystone.cache.internal.CacheEngineTest.Item;
import java.lang.reflect.Type;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link CachedCall} whose loader is "the database": it counts its loads, returns item 42 at the
 * version the test set, and can run something in the middle of a load (an eviction, a newer fill).
 */
final class TestCall implements CachedCall {

  private final String cache;
  private final String key;
  private final Type type;
  private final AtomicInteger loads = new AtomicInteger();
  private final AtomicLong version = new AtomicLong(1);
  private volatile Runnable duringLoad = () -> {};

  TestCall(String cache, String key, Type type) {
    this.cache = cache;
    this.key = key;
    this.type = type;
  }

  /** The version the next loads return. */
  void nextVersion(long v) {
    version.set(v);
  }

  /** Runs {@code action} inside every load from now on, after the row was "read". */
  void duringLoad(Runnable action) {
    duringLoad = action;
  }

  int loads() {
    return loads.get();
  }

  @Override
  public String cache() {
    return cache;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Type type() {
    return type;
  }

  @Override
  public Object load() {
    loads.incrementAndGet();
    long v = version.get();
    duringLoad.run();
    return new Item(42, "v" + v, v);
  }

  @Override
  public Callable<Object> detached() {
    return this::load;
  }
}
