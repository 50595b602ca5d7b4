package dev.keystone.cache;

/** How the cache answered one read, rendered as an RFC 9211 {@code Cache-Status} value. */
public enum CacheOutcome {
  HIT("keystone; hit"),
  MISS("keystone; fwd=miss; stored"),
  STALE("keystone; hit; fwd=stale"),
  /** A miss answered by another request's load (in this JVM or on another node). */
  COLLAPSED("keystone; fwd=miss; collapsed"),
  UNAVAILABLE("keystone; fwd=miss; detail=\"redis-unavailable\"");

  private final String header;

  CacheOutcome(String header) {
    this.header = header;
  }

  /** The {@code Cache-Status} header value. */
  public String header() {
    return header;
  }
}
