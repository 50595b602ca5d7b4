package dev.keystone.platform.cachekeys;

/**
 * The documented key scheme, shared by the cache library and the consumers' cache refresher: {@code
 * keystone:v1:<cache>:<id>}. Bump the version segment when the stored format changes, so old
 * entries are simply never read again.
 */
public final class CacheKeys {

  public static final String NAMESPACE = "keystone:v1:";

  private CacheKeys() {}

  public static String key(String cache, Object id) {
    return NAMESPACE + cache + ":" + id;
  }
}
