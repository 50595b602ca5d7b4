package dev.keystone.web.gateway.ratelimit;

/**
 * The limit of one route class: {@code quota} requests per {@code windowSeconds}, as a token bucket
 * (burst up to the quota, refilled evenly over the window).
 *
 * @param name the route class ({@code reads}, {@code writes}, {@code anonymous})
 */
public record RateLimitPolicy(String name, long quota, long windowSeconds) {

  public RateLimitPolicy {
    if (quota < 1 || windowSeconds < 1) {
      throw new IllegalArgumentException(
          "rate limit "
              + name
              + ": quota and window must be >= 1, not "
              + quota
              + "/"
              + windowSeconds);
    }
  }

  double tokensPerNano() {
    return quota / (windowSeconds * 1e9);
  }

  /**
   * {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): {@code "reads";q=600;w=60}.
   */
  public String header() {
    return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
  }
}
