package dev.keystone.web.gateway.ratelimit;

/**
 * The outcome of taking one token.
 *
 * @param remaining whole tokens left
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds when refused: seconds until one token is back
 * @param policyHeader {@code policy.header()}, rendered once per bucket rather than per request
 */
public record Decision(
    RateLimitPolicy policy,
    boolean allowed,
    long remaining,
    long resetSeconds,
    long retryAfterSeconds,
    String policyHeader) {

  /** {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers): {@code "reads";r=42;t=3}. */
  public String header() {
    return "\"" + policy.name() + "\";r=" + remaining + ";t=" + resetSeconds;
  }
}
