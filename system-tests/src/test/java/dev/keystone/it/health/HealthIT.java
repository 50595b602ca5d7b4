package dev.keystone.it.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import dev.keystone.it.support.Readiness;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows the source of truth: PostgreSQL down or frozen makes the server unready, within
 * a second; Redis and Kafka are reported in the check's data but never make it unready on their
 * own.
 */
@KeystoneIT
class HealthIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  @Test
  void liveAndReadyWithEveryCheckReported() {
    assertThat(api.get("/health/live").status()).isEqualTo(200);
    var ready = api.get("/health/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(Readiness.check(ready.json(), "postgresql").getString("status")).isEqualTo("UP");
    assertThat(Readiness.answeredData(api, "redis").getBoolean("reachable")).isTrue();
    assertThat(Readiness.answeredData(api, "kafka").getBoolean("reachable")).isTrue();
  }

  /**
   * The checks live in the EAR's lib/, which both WARs see, and Liberty asks every module: each
   * must still be run and listed once.
   */
  @Test
  void everyCheckIsListedOnce() {
    assertThat(names(api.get("/health/ready").json()))
        .containsExactlyInAnyOrder("postgresql", "redis", "kafka");
    assertThat(names(api.get("/health").json()))
        .containsExactlyInAnyOrder("postgresql", "redis", "kafka");
  }

  @Test
  void redisDownAloneKeepsTheServerReady() {
    var redis = KeystoneStack.get().devstack().redis();
    redis.stop();
    try {
      var data = Readiness.answeredData(api, "redis"); // and the server stays ready
      assertThat(data.getBoolean("reachable")).isFalse();
      assertThat(data.getString("cache")).isEqualTo("degraded");
    } finally {
      redis.start();
    }
  }

  @Test
  void postgresDownMakesTheServerUnreadyUntilItReturns() {
    var postgres = KeystoneStack.get().devstack().postgres();
    postgres.stop();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/health/ready").status() == 503);
      assertThat(Readiness.check(api.get("/health/ready").json(), "postgresql").getString("status"))
          .isEqualTo("DOWN");
      assertThat(api.get("/health/live").status()).isEqualTo(200);
    } finally {
      postgres.start();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/health/ready").status() == 200);
  }

  /**
   * A frozen PostgreSQL (SIGSTOP: connections open, nothing answers) must not hang readiness: its
   * check has a 400 ms deadline, the others 200 ms each; 1 s promised, +0.5 s for a 2-core machine.
   */
  @Test
  void aFrozenPostgresMakesTheServerUnreadyWithinASecond() {
    var postgres = KeystoneStack.get().devstack().postgres();
    var times = new java.util.ArrayList<Long>();
    postgres.pause();
    try {
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        var ready = api.get("/health/ready");
        times.add((System.nanoTime() - start) / 1_000_000);
        assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
        assertThat(Readiness.check(ready.json(), "postgresql").getString("status"))
            .isEqualTo("DOWN");
      }
      assertThat(api.get("/health/live").status()).isEqualTo(200);
    } finally {
      postgres.resume();
    }
    assertThat(times).as("/health/ready times (ms)").allMatch(ms -> ms <= 1_500);
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> api.get("/health/ready").status() == 200);
  }

  private static List<String> names(JsonObject health) {
    return health.getJsonArray("checks").stream()
        .map(v -> v.asJsonObject().getString("name"))
        .toList();
  }
}
