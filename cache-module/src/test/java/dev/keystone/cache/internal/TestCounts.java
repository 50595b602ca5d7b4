package dev.keystone.cache.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link CacheCounters} in a map, for assertions. */
final class TestCounts implements CacheCounters {

  private final Map<Event, AtomicInteger> counts = new ConcurrentHashMap<>();

  @Override
  public void count(String cache, Event event) {
    counts.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
  }

  int of(Event event) {
    var n = counts.get(event);
    return n == null ? 0 : n.get();
  }
}
