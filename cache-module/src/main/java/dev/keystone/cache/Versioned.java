package dev.keystone.cache;

/**
 * A cached value that knows the aggregate version it was read at. The cache uses it as a fence: a
 * fill never overwrites a newer cached version, and an eviction for version N stops an older fill
 * from landing afterwards.
 */
public interface Versioned {

  /** The aggregate's JPA version this value reflects. */
  long version();
}
