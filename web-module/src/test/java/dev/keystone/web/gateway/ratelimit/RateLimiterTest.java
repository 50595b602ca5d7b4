package dev.keystone.web.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final RateLimiter limiter =
      RateLimiter.of(
          now::get, new RateLimitPolicy("reads", 5, 10), new RateLimitPolicy("writes", 2, 60));

  @Test
  void aBurstUpToTheQuotaPassesThenTheLimitHoldsAndRefills() {
    for (int i = 4; i >= 0; i--) {
      var d = limiter.take("reads", "alice");
      assertThat(d.allowed()).isTrue();
      assertThat(d.remaining()).isEqualTo(i);
    }
    var refused = limiter.take("reads", "alice");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfterSeconds()).isEqualTo(2); // 5 per 10 s: one token every 2 s
    assertThat(refused.header()).isEqualTo("\"reads\";r=0;t=10");
    assertThat(refused.policy().header()).isEqualTo("\"reads\";q=5;w=10");

    now.addAndGet(1_999_000_000L);
    assertThat(limiter.take("reads", "alice").allowed()).as("not yet").isFalse();
    now.addAndGet(1_000_000L);
    assertThat(limiter.take("reads", "alice").allowed()).as("one token back").isTrue();
  }

  @Test
  void bucketsAreSeparatePerCallerAndRouteClass() {
    limiter.take("writes", "alice");
    limiter.take("writes", "alice");
    assertThat(limiter.take("writes", "alice").allowed()).isFalse();
    assertThat(limiter.take("writes", "bob").allowed()).isTrue();
    assertThat(limiter.take("reads", "alice").allowed()).isTrue();
  }

  @Test
  void aFullBucketNeverHoldsMoreThanTheQuota() {
    limiter.take("reads", "carol");
    now.addAndGet(3_600_000_000_000L);
    var d = limiter.take("reads", "carol");
    assertThat(d.remaining()).isEqualTo(4);
  }

  @Test
  void aCallerWithALimitOfItsOwnGetsItInThatClassOnly() {
    var limits =
        RateLimiter.of(
            now::get,
            Map.of(
                "keystone.rate-limit.reads.caller.batch.quota", 2L,
                "keystone.rate-limit.reads.caller.batch.window-seconds", 100L),
            new RateLimitPolicy("reads", 5, 10),
            new RateLimitPolicy("writes", 2, 60));
    assertThat(limits.take("reads", "batch").allowed()).isTrue();
    assertThat(limits.take("reads", "batch").allowed()).isTrue();
    var refused = limits.take("reads", "batch");
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.policy().header()).isEqualTo("\"reads\";q=2;w=100");
    assertThat(refused.retryAfterSeconds()).isEqualTo(50);
    assertThat(limits.take("reads", "alice").policy().header())
        .as("everyone else keeps the class's limit")
        .isEqualTo("\"reads\";q=5;w=10");
    assertThat(limits.take("writes", "batch").policy().header()).isEqualTo("\"writes\";q=2;w=60");
  }
}
