package dev.keystone.cache.internal;

import dev.keystone.platform.cachekeys.CacheKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sampler's keys: Redis SCAN over one cache's value keys ({@code keystone:v2:{<cache>:*}},
 * leases left out), continuing across rounds from where the previous round stopped, so that
 * successive samples cycle through the whole cache. A round reads at most {@link #MAX_STEPS} SCAN
 * pages. On Redis Cluster a SCAN covers one node; the sampler then sees that node's keys only.
 */
final class KeyCycle implements ConsistencySampler.Keys {

  static final int MAX_STEPS = 50;

  private final RedisCache redis;
  private final Map<String, String> cursors = new ConcurrentHashMap<>();

  KeyCycle(RedisCache redis) {
    this.redis = redis;
  }

  @Override
  public List<String> next(String cache, int count) {
    var match = CacheKeys.NAMESPACE + "{" + cache + ":*";
    var found = new ArrayList<String>();
    var cursor = cursors.getOrDefault(cache, "0");
    for (int step = 0; step < MAX_STEPS && found.size() < count; step++) {
      var page = redis.scan(cursor, match, Math.max(count, 100));
      page.getResult().stream().filter(k -> k.endsWith("}")).forEach(found::add);
      cursor = page.getCursor();
      if ("0".equals(cursor)) {
        break; // a full cycle ended; the next round starts the next one
      }
    }
    cursors.put(cache, cursor);
    return found.size() > count ? found.subList(0, count) : found;
  }
}
