package dev.keystone.it.gateway;

import static dev.keystone.it.gateway.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token buckets on the run's server, over HTTP. Every other test runs under limits far above
 * what it sends; these callers have small limits of their own, configured per caller by the harness
 * ({@link KeystoneStack}: {@code keystone.rate-limit.<class>.caller.<caller>.*}), so the burst, the
 * 429 with its headers and the slow refill are seen without a second server and without disturbing
 * other tests: probe subjects 5 reads per 200 s (one token back every 40 s, so a slow burst on a
 * loaded machine sees no refill mid-way), anonymous requests from 127.0.0.3 3 per 120 s.
 */
@KeystoneIT
class RateLimitIT {
  static final String PROBE_A = "it-rate-probe-a";
  static final String PROBE_B = "it-rate-probe-b";
  static final String PROBE_ADDRESS = "127.0.0.3";
  private static final String READS_POLICY = "\"reads\";q=5;w=200";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private static String productPath;

  @BeforeAll
  static void aProduct() {
    var created =
        Api.keystone()
            .post(
                "/api/products",
                """
                {"sku":"RL-%s","name":"Limited","price":1,"currency":"EUR","stock":1}
                """
                    .formatted(UUID.randomUUID().toString().substring(0, 8)));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    productPath = "/api/products/" + created.json().getJsonNumber("id").longValue();
  }

  @Test
  void aBurstPassesUpToTheQuotaThenIs429UntilTheBucketRefills() {
    var probe = Api.as("customer", PROBE_A);
    for (int remaining = 4; remaining >= 0; remaining--) {
      var ok = probe.get(productPath);
      assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
      assertThat(ok.header("RateLimit-Policy")).isEqualTo(READS_POLICY);
      assertThat(ok.header("RateLimit")).startsWith("\"reads\";r=" + remaining + ";t=");
    }
    long refusedSentAt = System.nanoTime();
    var refused = probe.get(productPath);
    assertProblem(refused, 429, "rate-limited");
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 40L);
    assertThat(refused.header("RateLimit-Policy")).isEqualTo(READS_POLICY);
    assertThat(refused.header("RateLimit")).startsWith("\"reads\";r=0;");

    for (int i = 0; i < 3; i++) {
      assertThat(probe.get(productPath).status()).as("the limit holds").isEqualTo(429);
    }
    var other = Api.as("customer", PROBE_B).get(productPath);
    assertThat(other.status()).as("another caller has a bucket of its own").isEqualTo(200);
    assertThat(other.header("RateLimit")).startsWith("\"reads\";r=4;");

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(probe.get(productPath).status()).isEqualTo(200));
    long waited = Duration.ofNanos(System.nanoTime() - refusedSentAt).toSeconds();
    assertThat(waited)
        .as("no token comes back before Retry-After (one every 40 s)")
        .isGreaterThanOrEqualTo(retryAfter - 1);
    assertThat(probe.get(productPath).status())
        .as("one token came back, and it is spent")
        .isEqualTo(429);
  }

  @Test
  void anonymousCallersAreLimitedByAddressBeforeTheyAreRefused() {
    int port = URI.create(KeystoneStack.get().baseUrl()).getPort();
    var probe = new FromAddress(PROBE_ADDRESS);
    for (int i = 0; i < 3; i++) {
      var unauthenticated = probe.get(port, productPath);
      assertThat(unauthenticated.status()).as(unauthenticated.toString()).isEqualTo(401);
      assertThat(unauthenticated.header("RateLimit-Policy")).isEqualTo("\"anonymous\";q=3;w=120");
    }
    var refused = probe.get(port, productPath);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.body()).contains("rate-limited").contains("429");
    assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"anonymous\";q=3;w=120");
    assertThat(refused.header("RateLimit")).startsWith("\"anonymous\";r=0;");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 40L);

    assertThat(Api.anonymous().get(productPath).status())
        .as("anonymous callers from another address keep their own bucket")
        .isEqualTo(401);
  }

  @Test
  void everyOtherCallerRunsWithTheHighTestLimits() {
    var reply = Api.keystone().get(productPath);
    assertThat(reply.header("RateLimit-Policy")).isEqualTo("\"reads\";q=1000000;w=1");
  }
}
