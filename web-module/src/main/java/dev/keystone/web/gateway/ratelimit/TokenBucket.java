package dev.keystone.web.gateway.ratelimit;

/**
 * One caller's bucket for one route class: holds up to {@code quota} tokens and refills at {@code
 * quota / window} tokens per second, so a caller may burst {@code quota} requests and then sustain
 * the policy's rate. Time is passed in (nanoseconds) so tests need no clock and no sleep.
 */
final class TokenBucket {
  private final RateLimitPolicy policy;
  private final String policyHeader;
  private double tokens;
  private long last;

  TokenBucket(RateLimitPolicy policy, long nowNanos) {
    this.policy = policy;
    this.policyHeader = policy.header();
    this.tokens = policy.quota();
    this.last = nowNanos;
  }

  /** Takes one token if there is one; the outcome says what is left and when to come back. */
  synchronized Decision take(long nowNanos) {
    refill(nowNanos);
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long remaining = (long) Math.floor(tokens);
    long retryAfter = allowed ? 0 : secondsUntil(1 - tokens);
    return new Decision(
        policy,
        allowed,
        remaining,
        secondsUntil(policy.quota() - tokens),
        retryAfter,
        policyHeader);
  }

  /** Whether the bucket is full again at {@code nowNanos}: an idle caller, safe to forget. */
  synchronized boolean full(long nowNanos) {
    refill(nowNanos);
    return tokens >= policy.quota();
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - last);
    tokens = Math.min(policy.quota(), tokens + elapsed * policy.tokensPerNano());
    last = nowNanos;
  }

  private long secondsUntil(double missingTokens) {
    if (missingTokens <= 0) {
      return 0;
    }
    return (long) Math.ceil(missingTokens / (policy.tokensPerNano() * 1e9));
  }
}
