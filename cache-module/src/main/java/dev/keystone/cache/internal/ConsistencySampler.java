package dev.keystone.cache.internal;

import dev.keystone.cache.CurrentVersions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Cache ↔ database consistency, measured (docs/cache.md, "Consistency, measured"): each round takes
 * a bounded sample of one cache's entries from Redis, compares each entry's version with the
 * database's current version, and follows every inconsistency it found until it is gone, so that
 * how long an entry stayed wrong is measured too. An entry counts only if it is still the same
 * after the database was asked: an eviction or a fill that lands meanwhile is the normal path, not
 * an inconsistency. Plain Java over its ports, unit-tested with fakes.
 */
final class ConsistencySampler {

  /** The most inconsistencies followed at once per cache; more are counted but not timed. */
  static final int MAX_FOLLOWED = 1_000;

  /** The next keys of one cache, continuing where the previous call stopped (a full cycle). */
  interface Keys {
    List<String> next(String cache, int count);
  }

  /** What one round found for one cache. */
  record Round(String cache, int sampled, int inconsistent, int found, long oldestMs) {}

  private final Keys keys;
  private final Function<String, CacheEntry> entries;
  private final LongSupplier clockMs;
  private final Map<String, Map<String, Long>> openSince = new HashMap<>();

  ConsistencySampler(Keys keys, Function<String, CacheEntry> entries, LongSupplier clockMs) {
    this.keys = keys;
    this.entries = entries;
    this.clockMs = clockMs;
  }

  /** One round for the cache of {@code versions}: a sample of {@code size} keys, plus the open. */
  Round sample(CurrentVersions versions, int size) {
    var cache = versions.cache();
    var open = openSince.computeIfAbsent(cache, c -> new LinkedHashMap<>());
    var candidates = new LinkedHashMap<String, CacheEntry>();
    for (var key : open.keySet()) {
      candidates.put(key, entries.apply(key));
    }
    int sampled = 0;
    for (var key : keys.next(cache, size)) {
      if (!candidates.containsKey(key)) {
        candidates.put(key, entries.apply(key));
        sampled++;
      }
    }
    var ids = new HashMap<String, String>(); // id -> key
    candidates.forEach(
        (key, entry) -> {
          if (entry != null && entry.version() >= 0) {
            ids.put(idOf(cache, key), key);
          }
        });
    var current = ids.isEmpty() ? Map.<String, Long>of() : versions.of(ids.keySet());
    long now = clockMs.getAsLong();
    int found = 0;
    var stillOpen = new LinkedHashMap<String, Long>();
    for (var id : ids.entrySet()) {
      var key = id.getValue();
      var seen = candidates.get(key);
      var db = current.get(id.getKey());
      if (db != null && db == seen.version()) {
        continue;
      }
      var again = entries.apply(key); // after the database answered: still the same entry?
      if (again == null || again.version() != seen.version()) {
        continue;
      }
      var since = open.get(key);
      if (since == null) {
        found++;
        since = now;
      }
      if (stillOpen.size() < MAX_FOLLOWED) {
        stillOpen.put(key, since);
      }
    }
    open.clear();
    open.putAll(stillOpen);
    long oldest = stillOpen.values().stream().mapToLong(s -> now - s).max().orElse(0);
    return new Round(cache, sampled, stillOpen.size(), found, oldest);
  }

  /** The id part of {@code keystone:v2:{<cache>:<id>}}. */
  static String idOf(String cache, String key) {
    int start = key.indexOf('{' + cache + ':') + cache.length() + 2;
    return key.substring(start, key.lastIndexOf('}'));
  }
}
