package dev.keystone.platform.redis;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A Redis server as {@code KEYSTONE_REDIS_URL} names it: {@code redis://[:password@]host[:port]}
 * ({@code rediss://} for TLS). Kept free of any Redis client so that the cache library and the
 * consumers' cache refresher read the same setting the same way, whatever client each uses.
 *
 * @param password {@code null} when the URL carries none
 */
public record RedisAddress(String host, int port, String password, boolean tls) {

  /** Redis's own default port, used when the URL names none. */
  public static final int DEFAULT_PORT = 6379;

  public RedisAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("a Redis address needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("not a TCP port: " + port);
    }
  }

  /**
   * Parses a Redis URL.
   *
   * @throws IllegalArgumentException naming the URL's problem (the password is never echoed)
   */
  public static RedisAddress parse(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("KEYSTONE_REDIS_URL is not a URL: " + e.getReason());
    }
    var scheme = uri.getScheme();
    if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
      throw new IllegalArgumentException(
          "KEYSTONE_REDIS_URL must start with redis:// or rediss://, not " + scheme + "://");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("KEYSTONE_REDIS_URL names no host");
    }
    int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
    return new RedisAddress(uri.getHost(), port, password(uri), "rediss".equals(scheme));
  }

  /** {@code redis://:secret@host} and {@code redis://user:secret@host} both carry "secret". */
  private static String password(URI uri) {
    var info = uri.getUserInfo();
    if (info == null || info.isEmpty()) {
      return null;
    }
    int colon = info.indexOf(':');
    return colon >= 0 ? info.substring(colon + 1) : info;
  }

  @Override
  public String toString() {
    return (tls ? "rediss://" : "redis://") + (password == null ? "" : "***@") + host + ":" + port;
  }
}
