package dev.keystone.it.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import dev.keystone.it.support.KeystoneStack;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * More than a thousand malformed or hostile requests: every answer must be a 4xx problem+json, none
 * a 5xx, and the database must be exactly as before.
 */
@KeystoneIT
class HostileInputIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Api api = Api.keystone();

  /** Header variants every body is sent with: hostile headers must not change the outcome. */
  private static final Map<String, UnaryOperator<HttpRequest.Builder>> HEADERS =
      Map.of(
          "plain", b -> b,
          "accept html", b -> b.header("Accept", "text/html"),
          "hostile request id", b -> b.header("X-Request-Id", "'; drop table products; --\u00e9"),
          "bogus gzip", b -> b.header("Content-Encoding", "gzip"));

  @Test
  void everyHostileRequestIsAClean4xxAndChangesNothing() throws Exception {
    var before = fingerprint();
    var requests = new ArrayList<HttpRequest>();
    var labels = new ArrayList<String>();
    // Liberty's web container refuses a path with encoded control characters (%00, %0D%0A) with a
    // bare 400 before any application sees it (CWWWC0005I); those may be non-problem 400s.
    var containerRejected = new java.util.HashSet<String>();
    for (var r : HostileCorpus.products()) {
      for (var variant : HEADERS.entrySet()) {
        var builder =
            api.request(r.path())
                .header("Content-Type", r.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(r.body(), StandardCharsets.UTF_8));
        requests.add(variant.getValue().apply(builder).build());
        labels.add(r.label() + " [" + variant.getKey() + "]");
      }
    }
    for (var s : HostileCorpus.HOSTILE_STRINGS) {
      var id =
          URLEncoder.encode(s.length() > 500 ? s.substring(0, 500) : s, StandardCharsets.UTF_8);
      if (!id.isEmpty()) {
        requests.add(api.request("/api/products/" + id).GET().build());
        var label = "GET id " + id.substring(0, Math.min(40, id.length()));
        labels.add(label);
        if (s.chars().anyMatch(c -> c < 0x20)) {
          containerRejected.add(label);
        }
      }
    }
    for (var n : HostileCorpus.HOSTILE_NUMBERS) {
      requests.add(
          api.request("/api/products/" + URLEncoder.encode(n, StandardCharsets.UTF_8))
              .GET()
              .build());
      labels.add("GET id " + n);
    }
    assertThat(requests).hasSizeGreaterThanOrEqualTo(1000);

    var failures = new ConcurrentLinkedQueue<String>();
    var statuses = new TreeMap<Integer, Integer>();
    try (var pool = new AutoClosingPool(8)) {
      var futures = new ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < requests.size(); i++) {
        var request = requests.get(i);
        var label = labels.get(i);
        futures.add(
            pool.executor.submit(
                () -> {
                  Api.Reply reply;
                  try {
                    reply = api.send(request);
                  } catch (RuntimeException e) {
                    failures.add(label + " → " + e);
                    return;
                  }
                  synchronized (statuses) {
                    statuses.merge(reply.status(), 1, Integer::sum);
                  }
                  var type = reply.header("Content-Type");
                  if (containerRejected.contains(label) && reply.status() == 400) {
                    return;
                  }
                  boolean clean =
                      reply.status() >= 400
                          && reply.status() < 500
                          && type != null
                          && type.startsWith("application/problem+json");
                  if (!clean) {
                    failures.add(
                        label + " → " + reply.status() + " " + type + " " + head(reply.body()));
                  }
                }));
      }
      for (var f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    }
    System.out.printf(
        "Hostile input: %d requests, statuses %s, unclean answers %d, 5xx %d,"
            + " refused by the web container before the application %d%n",
        requests.size(),
        statuses,
        failures.size(),
        statuses.tailMap(500).values().stream().mapToInt(Integer::intValue).sum(),
        containerRejected.size());
    assertThat(failures).as("requests not answered with a 4xx problem+json").isEmpty();
    assertThat(fingerprint()).as("the database after the corpus").isEqualTo(before);
  }

  /**
   * Every bad credential on every protected route: a 401 (or a 403 for a valid customer token on an
   * admin route) problem+json, never a 2xx or a 5xx, and nothing written. The bodies are valid, so
   * a credential that slipped through would create a row and change the fingerprint.
   */
  @Test
  void everyBadTokenIsAClean4xxAndChangesNothing() throws Exception {
    var before = fingerprint();
    var stack = KeystoneStack.get();
    var routes =
        List.<UnaryOperator<HttpRequest.Builder>>of(
            b -> b.GET(),
            b ->
                b.header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"sku\":\"TOKEN-%s\",\"name\":\"n\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}"
                                .formatted(java.util.UUID.randomUUID()))));
    var paths =
        List.of(
            "/api/products/1",
            "/api/products",
            "/api/customers/1",
            "/api/orders",
            "/api/ops/summary");
    var requests = new ArrayList<HttpRequest>();
    var labels = new ArrayList<String>();
    for (var credential : BadTokens.all(stack.tokens())) {
      for (var path : paths) {
        var write = path.equals("/api/products") || path.equals("/api/orders");
        var builder = Api.anonymous().request(path);
        if (credential.authorization() != null) {
          builder.header("Authorization", credential.authorization());
        }
        if (path.equals("/api/orders")) {
          builder
              .header("Content-Type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      "{\"customerId\":1,\"lines\":[{\"productId\":1,\"quantity\":1}]}"));
        } else {
          builder = routes.get(write ? 1 : 0).apply(builder);
        }
        requests.add(builder.build());
        labels.add(credential.label() + " → " + path);
      }
    }
    // a valid token of the wrong role on admin-only routes: 403, and nothing written either
    var customer = Api.as("customer", "1");
    for (var path : List.of("/api/products", "/api/ops/summary")) {
      var write = path.equals("/api/products");
      requests.add(routes.get(write ? 1 : 0).apply(customer.request(path)).build());
      labels.add("customer token → " + path);
    }
    var statuses = new TreeMap<Integer, Integer>();
    var failures = new ConcurrentLinkedQueue<String>();
    try (var pool = new AutoClosingPool(8)) {
      var futures = new ArrayList<java.util.concurrent.Future<?>>();
      for (int i = 0; i < requests.size(); i++) {
        var request = requests.get(i);
        var label = labels.get(i);
        futures.add(
            pool.executor.submit(
                () -> {
                  var reply = Api.anonymous().send(request);
                  synchronized (statuses) {
                    statuses.merge(reply.status(), 1, Integer::sum);
                  }
                  var type = reply.header("Content-Type");
                  boolean refused = reply.status() == 401 || reply.status() == 403;
                  if (!refused || type == null || !type.startsWith("application/problem+json")) {
                    failures.add(
                        label + " → " + reply.status() + " " + type + " " + head(reply.body()));
                  }
                }));
      }
      for (var f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
    }
    System.out.printf(
        "Bad tokens: %d requests, statuses %s, not a 401/403 problem %d%n",
        requests.size(), statuses, failures.size());
    assertThat(failures).as("bad credentials not refused with a 401/403 problem+json").isEmpty();
    assertThat(fingerprint()).as("the database after the bad tokens").isEqualTo(before);
  }

  private static String head(String body) {
    return body == null ? "" : body.substring(0, Math.min(200, body.length()));
  }

  /** Row counts and the highest ids of every application table the corpus could touch. */
  private static List<Long> fingerprint() throws SQLException {
    try (var c = KeystoneStack.get().database();
        var rs =
            c.createStatement()
                .executeQuery(
                    "select (select count(*) from products), (select coalesce(max(id), 0) from"
                        + " products), (select count(*) from outbox), (select count(*) from"
                        + " orders), (select count(*) from customers)")) {
      rs.next();
      return List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
    }
  }

  /** A fixed pool that is shut down at the end of the test. */
  private static final class AutoClosingPool implements AutoCloseable {
    final java.util.concurrent.ExecutorService executor;

    AutoClosingPool(int threads) {
      executor = Executors.newFixedThreadPool(threads);
    }

    @Override
    public void close() {
      executor.shutdownNow();
    }
  }
}
