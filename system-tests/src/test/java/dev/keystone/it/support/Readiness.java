package dev.keystone.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;

/**
 * Reads {@code /health/ready}. Each check answers within a short deadline; a reporting check
 * (Redis, Kafka) that misses it answers UP with {@code "answered": false} and no findings, which on
 * a busy machine happens now and then. A test that wants the findings waits for a round in which
 * the check answered.
 */
public final class Readiness {

  private Readiness() {}

  /**
   * The data of {@code name} from the first readiness answer in which that check answered; the
   * server must answer 200 (ready) every time.
   */
  public static JsonObject answeredData(Api api, String name) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              var ready = api.get("/health/ready");
              assertThat(ready.status()).as("ready: " + ready).isEqualTo(200);
              return check(ready.json(), name).getJsonObject("data");
            },
            data -> data != null && data.getBoolean("answered", true));
  }

  /** The named check of a health answer. */
  public static JsonObject check(JsonObject health, String name) {
    return health.getJsonArray("checks").stream()
        .map(v -> v.asJsonObject())
        .filter(c -> name.equals(c.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
  }
}
