package dev.keystone.it.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the simulations share: their settings (system properties set by {@link GatlingRun}), the
 * HTTP protocol with the admin's bearer token, and the request bodies.
 */
final class Sims {

  private Sims() {}

  static String get(String key) {
    var value = System.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("bench setting " + key + " is missing");
    }
    return value;
  }

  static int integer(String key) {
    return Integer.parseInt(get(key));
  }

  /** {@code name=url|name=url} in order. */
  static Map<String, String> targets(String key) {
    var targets = new LinkedHashMap<String, String>();
    for (var pair : get(key).split("\\|")) {
      int eq = pair.indexOf('=');
      targets.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return targets;
  }

  static String encode(Map<String, String> targets) {
    var parts = new ArrayList<String>();
    targets.forEach((name, url) -> parts.add(name + "=" + url));
    return String.join("|", parts);
  }

  /** HTTP/1.1 keep-alive, the admin's token (the gateway wants one). */
  static HttpProtocolBuilder protocol() {
    return http.acceptHeader("application/json")
        .header("Authorization", get("bench.auth"))
        .disableCaching()
        .disableFollowRedirect();
  }

  /**
   * Chains populations one after the other (each starts when the previous one's users are done):
   * the configurations take turns, so a change in the machine's load hits all of them alike.
   */
  static PopulationBuilder sequence(List<PopulationBuilder> steps) {
    var chain = steps.get(steps.size() - 1);
    for (int i = steps.size() - 2; i >= 0; i--) {
      chain = steps.get(i).andThen(chain);
    }
    return chain;
  }

  /** A closed loop: the chain repeated back to back for {@code seconds}. */
  static ChainBuilder loop(int seconds, ChainBuilder body) {
    return exec(during(Duration.ofSeconds(seconds)).on(body));
  }

  static io.gatling.javaapi.core.Body.WithString productBody() {
    return StringBody(
        session ->
            """
            {"sku":"GB-%s","name":"Bench","price":1.00,"currency":"EUR","stock":1}
            """
                .formatted(UUID.randomUUID()));
  }

  static io.gatling.javaapi.core.Body.WithString orderBody(String customerId, String productId) {
    return StringBody(
        """
        {"customerId":%s,"lines":[{"productId":%s,"quantity":1}]}
        """
            .formatted(customerId, productId));
  }
}
