package dev.keystone.platform.redis;

import java.util.ArrayList;
import java.util.List;

/**
 * A Redis primary found through Sentinel, as {@code KEYSTONE_REDIS_URL} names it: {@code
 * redis-sentinel://[:password@]host:port[,host:port...]/<primary name>} ({@code rediss-sentinel://}
 * for TLS to the data nodes). The Sentinels are asked which node is the primary now, and again
 * after every promotion, so a failover needs no restart (docs/operations.md, "Redis behind
 * Sentinel").
 *
 * @param password the data nodes' password ({@code null} for none); Sentinels are reached without
 *     one
 */
public record RedisSentinels(
    String primaryName, List<Node> sentinels, String password, boolean tls) {

  static final String SCHEME = "redis-sentinel://";
  static final String TLS_SCHEME = "rediss-sentinel://";

  /** One Sentinel's address. */
  public record Node(String host, int port) {}

  /** Sentinel's own default port, used where the URL names none. */
  public static final int DEFAULT_PORT = 26379;

  public RedisSentinels {
    if (primaryName == null || primaryName.isBlank()) {
      throw new IllegalArgumentException("a Sentinel URL needs the primary's name after the '/'");
    }
    if (sentinels == null || sentinels.isEmpty()) {
      throw new IllegalArgumentException("a Sentinel URL needs at least one host");
    }
    sentinels = List.copyOf(sentinels);
  }

  /** Whether {@code url} names Sentinels rather than one Redis server. */
  public static boolean isSentinelUrl(String url) {
    var u = url == null ? "" : url.strip();
    return u.startsWith(SCHEME) || u.startsWith(TLS_SCHEME);
  }

  /**
   * Parses a Sentinel URL.
   *
   * @throws IllegalArgumentException naming the URL's problem (the password is never echoed)
   */
  public static RedisSentinels parse(String url) {
    var u = url == null ? "" : url.strip();
    boolean tls = u.startsWith(TLS_SCHEME);
    if (!tls && !u.startsWith(SCHEME)) {
      throw new IllegalArgumentException("KEYSTONE_REDIS_URL must start with " + SCHEME);
    }
    var rest = u.substring(tls ? TLS_SCHEME.length() : SCHEME.length());
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      var info = rest.substring(0, at);
      int colon = info.indexOf(':');
      password = colon >= 0 ? info.substring(colon + 1) : info;
      rest = rest.substring(at + 1);
    }
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("a Sentinel URL ends with /<primary name>");
    }
    var nodes = new ArrayList<Node>();
    for (var hostPort : rest.substring(0, slash).split(",")) {
      nodes.add(node(hostPort.strip()));
    }
    return new RedisSentinels(rest.substring(slash + 1), nodes, password, tls);
  }

  private static Node node(String hostPort) {
    if (hostPort.isEmpty()) {
      throw new IllegalArgumentException("a Sentinel URL lists an empty host");
    }
    int colon = hostPort.lastIndexOf(':');
    if (colon < 0) {
      return new Node(hostPort, DEFAULT_PORT);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65_535) {
        throw new NumberFormatException();
      }
      return new Node(hostPort.substring(0, colon), port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a TCP port in the Sentinel URL: " + hostPort);
    }
  }

  @Override
  public String toString() {
    var hosts = new StringBuilder();
    for (var n : sentinels) {
      hosts.append(hosts.isEmpty() ? "" : ",").append(n.host()).append(':').append(n.port());
    }
    return (tls ? TLS_SCHEME : SCHEME)
        + (password == null ? "" : "***@")
        + hosts
        + "/"
        + primaryName;
  }
}
