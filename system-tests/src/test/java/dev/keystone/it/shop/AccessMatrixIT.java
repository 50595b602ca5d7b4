package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.shop.Routes.Route;
import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of both WARs, called anonymously, as a customer on their own and on someone else's
 * resources, and as an admin, over HTTP: anonymous is 401 everywhere, a customer is 403 on admin
 * routes and on others' resources, an admin is never refused, and spelling a path differently
 * ({@code //}, a trailing {@code /}, {@code ;param}, {@code %2F}, upper case) never opens a route a
 * caller may not use. No answer is a 5xx; every refusal is problem+json.
 *
 * <p>The expected access is this test's own table (docs/api.md's route table), not the gateway's
 * code; a route found in the OpenAPI document or the consumers WAR but missing here fails the test,
 * so a new route cannot go unclassified.
 */
@KeystoneIT
public class AccessMatrixIT {

  public enum Access {
    /** any authenticated caller */
    ANY,
    /** a customer only for their own customer record or order; an admin for any */
    OWNER,
    /** administrators only */
    ADMIN
  }

  public static final Map<String, Access> TABLE =
      Map.ofEntries(
          Map.entry("GET /api/products", Access.ANY),
          Map.entry("GET /api/products/{id}", Access.ANY),
          Map.entry("POST /api/products", Access.ADMIN),
          Map.entry("PUT /api/products/{id}", Access.ADMIN),
          Map.entry("POST /api/products/{id}/stock-adjustments", Access.ADMIN),
          Map.entry("POST /api/customers", Access.ADMIN),
          Map.entry("GET /api/customers/{id}", Access.OWNER),
          Map.entry("POST /api/orders", Access.ANY),
          Map.entry("GET /api/orders/{id}", Access.OWNER),
          Map.entry("POST /api/orders/{id}/cancel", Access.OWNER),
          Map.entry("GET /api/ops/summary", Access.ADMIN),
          Map.entry("GET /api/ops/outbox/stuck", Access.ADMIN),
          Map.entry("POST /api/ops/outbox/stuck/{eventId}/retry", Access.ADMIN),
          Map.entry("POST /api/ops/outbox/stuck/{eventId}/skip", Access.ADMIN),
          Map.entry("GET /api/me", Access.ANY),
          Map.entry("GET /consumers/analytics/daily-sales", Access.ADMIN),
          Map.entry("GET /consumers/analytics/top-products", Access.ADMIN),
          Map.entry("GET /consumers/audit", Access.ADMIN),
          Map.entry("GET /consumers/admin/parked", Access.ADMIN),
          Map.entry("POST /consumers/admin/parked/{consumer}/{key}/replay", Access.ADMIN),
          Map.entry("DELETE /consumers/admin/parked/{consumer}/{key}", Access.ADMIN),
          Map.entry("DELETE /consumers/admin/parked/{consumer}/{key}/{seq}", Access.ADMIN),
          Map.entry("POST /consumers/admin/dedup/prune", Access.ADMIN),
          Map.entry("POST /consumers/admin/rebuilds", Access.ADMIN),
          Map.entry("GET /consumers/admin/rebuilds/{consumer}", Access.ADMIN),
          Map.entry("GET /consumers/ops/summary", Access.ADMIN));

  /** An outbox event id that names no row: the stuck-row tools answer an admin 404. */
  private static final String UNKNOWN_EVENT = "0193a1b2-0000-7000-8000-00000000beef";

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();
  private final List<String> failures = new ArrayList<>();
  private Api owner;
  private Api stranger;
  private long product;
  private long ownerId;
  private long order;

  @BeforeEach
  void resources() {
    product = shop.product("3.00", "EUR", 50, "matrix");
    ownerId = shop.customer();
    long strangerId = shop.customer();
    owner = Api.as("customer", Long.toString(ownerId));
    stranger = Api.as("customer", Long.toString(strangerId));
    var placed =
        owner.post(
            "/api/orders",
            "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}"
                .formatted(ownerId, product));
    assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
    order = placed.json().getJsonNumber("id").longValue();
  }

  @Test
  void everyRouteIsClassifiedAndFound() {
    var found = new TreeSet<String>();
    Routes.ofApi(shop.api).forEach(r -> found.add(r.toString()));
    assertThat(found).containsExactlyInAnyOrderElementsOf(TABLE.keySet());
    var annotated = new TreeSet<String>();
    Routes.ofConsumersWar().forEach(r -> annotated.add(r.toString()));
    assertThat(found).as("the consumers WAR's routes in the document").containsAll(annotated);
  }

  @Test
  void eachCallerGetsWhatTheTableSays() {
    var routes = new TreeSet<Route>();
    routes.addAll(Routes.ofApi(shop.api));
    for (var route : routes) {
      var access = TABLE.get(route.toString());
      assertThat(access).as("unclassified route " + route).isNotNull();
      var path = concrete(route.template());
      expect(route, "anonymous", Api.anonymous(), path, 401);
      expect(route, "admin", shop.api, path, null);
      switch (access) {
        case ANY -> expect(route, "customer", stranger, path, null);
        case ADMIN -> expect(route, "customer", owner, path, 403);
        case OWNER -> {
          expect(route, "the owner", owner, path, null);
          expect(route, "another customer", stranger, path, 403);
        }
      }
    }
    assertThat(failures).as("%d wrong answers", failures.size()).isEmpty();
  }

  @Test
  void noSpellingOfAPathOpensIt() {
    var admin = List.of("/api/products", "/consumers/admin/dedup/prune");
    var someoneElses = List.of("/api/orders/" + order, "/api/customers/" + ownerId);
    for (var path : admin) {
      for (var variant : variants(path)) {
        refused("POST", variant, owner);
        refused("POST", variant, Api.anonymous());
      }
    }
    for (var path : someoneElses) {
      for (var variant : variants(path)) {
        refused("GET", variant, stranger);
        refused("GET", variant, Api.anonymous());
      }
    }
    assertThat(failures).as("%d paths opened or failed", failures.size()).isEmpty();
  }

  /** The same path spelled in the ways a router and a filter might read differently. */
  static List<String> variants(String path) {
    int last = path.lastIndexOf('/');
    return List.of(
        path,
        "/" + path,
        path + "/",
        path.replaceFirst("^/(\\w+)/", "/$1//"),
        path + ";jsessionid=x",
        path.substring(0, last) + ";x=y" + path.substring(last),
        path.substring(0, last) + "%2F" + path.substring(last + 1),
        path.toUpperCase(java.util.Locale.ROOT),
        path.replaceFirst("^/(\\w+)/", "/$1/./"));
  }

  private void refused(String method, String path, Api caller) {
    var request = caller.request(path).header("Content-Type", "application/json");
    var reply =
        caller.send(
            "GET".equals(method)
                ? request.GET().build()
                : request.POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    if (reply.status() < 400 || reply.status() >= 500) {
      failures.add(method + " " + path + " → " + reply.status() + " " + head(reply.body()));
    }
  }

  /** Checks one call: {@code expected} is a status, or null for "admitted" (not 401 or 403). */
  private void expect(Route route, String who, Api caller, String path, Integer expected) {
    var reply = caller.send(request(caller, route.method(), path));
    int status = reply.status();
    var type = reply.header("Content-Type");
    var label = route + " as " + who + " → " + status + " " + head(reply.body());
    if (status >= 500) {
      failures.add(label);
    } else if (expected != null && status != expected) {
      failures.add(label + " (expected " + expected + ")");
    } else if (expected == null && (status == 401 || status == 403)) {
      failures.add(label + " (expected to be admitted)");
    } else if (status >= 400 && (type == null || !type.startsWith("application/problem+json"))) {
      failures.add(label + " (not problem+json: " + type + ")");
    }
  }

  private static HttpRequest request(Api caller, String method, String path) {
    var builder = caller.request(path);
    return switch (method) {
      case "GET" -> builder.GET().build();
      case "DELETE" -> builder.DELETE().build();
      default ->
          builder
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString("{}"))
              .build();
    };
  }

  /** A template with real ids: the fixture's product, the owner's customer record and order. */
  private String concrete(String template) {
    var path =
        template
            .replace("/api/products/{id}", "/api/products/" + product)
            .replace("/api/customers/{id}", "/api/customers/" + ownerId)
            .replace("/api/orders/{id}", "/api/orders/" + order)
            .replace("{consumer}", "analytics")
            .replace("{key}", "matrix-key")
            .replace("{seq}", "1")
            .replace("{eventId}", UNKNOWN_EVENT);
    return path.contains("{")
        ? null
        : path.equals("/consumers/audit") ? path + "?aggregateId=1" : path;
  }

  private static String head(String body) {
    return body == null ? "" : body.substring(0, Math.min(120, body.length()));
  }
}
