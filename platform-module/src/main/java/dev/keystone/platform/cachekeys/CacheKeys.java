package dev.keystone.platform.cachekeys;

/**
 * The documented key scheme, shared by the cache library and the consumers' cache refresher: {@code
 * keystone:v2:{<cache>:<id>}}. Bump the version segment when the stored format changes, so old
 * entries are simply never read again.
 *
 * <p>The braces are a Redis Cluster hash tag: a value and every key derived from it (its fill lease
 * {@code <key>:lease}) hash to the same slot, so the cache's multi-key scripts run unchanged on a
 * single Redis, behind Sentinel, or on Redis Cluster (docs/cache.md, "Keys").
 */
public final class CacheKeys {

  public static final String NAMESPACE = "keystone:v2:";

  private CacheKeys() {}

  public static String key(String cache, Object id) {
    return NAMESPACE + "{" + cache + ":" + id + "}";
  }

  /**
   * The cache name of a key made by {@link #key}, or the text after the namespace for any other key
   * (such keys are not the cache's).
   */
  public static String cacheOf(String key) {
    var rest = key.startsWith(NAMESPACE) ? key.substring(NAMESPACE.length()) : key;
    if (rest.startsWith("{")) {
      rest = rest.substring(1);
    }
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }
}
