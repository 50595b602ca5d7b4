package dev.keystone.it.shop;

import static dev.keystone.it.shop.Shop.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key}: a retry gets the first response and causes nothing again (no second row,
 * no second event); the same key for another body is refused; concurrent retries too.
 */
@KeystoneIT
class IdempotencyIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void aRetriedProductCreateReplaysTheFirstResponse() throws Exception {
    var key = UUID.randomUUID().toString();
    var sku = Shop.unique("IDEM");
    var body =
        "{\"sku\":\"%s\",\"name\":\"Once\",\"price\":2,\"currency\":\"EUR\",\"stock\":1}"
            .formatted(sku);

    var first = shop.postWithKey("/api/products", key, body);
    // the same request, formatted differently: still the same request
    var retry = shop.postWithKey("/api/products", key, body.replace(",", " , "));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
    long id = first.json().getJsonNumber("id").longValue();
    assertThat(Shop.single("select count(*) from products where sku = '" + sku + "'")).isEqualTo(1);
    assertThat(events("product", id)).as("one ProductCreated").isEqualTo(1);

    var other = shop.postWithKey("/api/products", key, body.replace("Once", "Twice"));
    assertProblem(other, 422, "idempotency-key-reused");
  }

  @Test
  void aRetriedOrderReservesStockOnce() throws Exception {
    long customer = shop.customer();
    long product = shop.product("5.00", 10);
    var key = UUID.randomUUID().toString();
    var body =
        "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":3}]}"
            .formatted(customer, product);

    var first = shop.postWithKey("/api/orders", key, body);
    var retry = shop.postWithKey("/api/orders", key, body);

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.json()).isEqualTo(first.json());
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(Shop.stock(product)).isEqualTo(7);
    assertThat(Shop.single("select count(*) from orders where customer_id = " + customer))
        .isEqualTo(1);
    assertThat(events("product", product)).as("created + one stock-adjusted").isEqualTo(2);

    var different = body.replace("\"quantity\":3", "\"quantity\":4");
    assertProblem(shop.postWithKey("/api/orders", key, different), 422, "idempotency-key-reused");
    assertThat(Shop.stock(product)).isEqualTo(7);
  }

  @Test
  void twoCallersWithTheSameKeyNeverSeeEachOthersResponse() throws Exception {
    var key = UUID.randomUUID().toString();
    var alice = Api.as("admin", "it-admin-alice");
    var bob = Api.as("admin", "it-admin-bob");
    var body = "{\"sku\":\"%s\",\"name\":\"Mine\",\"price\":3,\"currency\":\"EUR\",\"stock\":1}";
    var aliceBody = body.formatted(Shop.unique("IDA"));
    var bobBody = body.formatted(Shop.unique("IDB"));

    var fromAlice = withKey(alice, "/api/products", key, aliceBody);
    var fromBob = withKey(bob, "/api/products", key, bobBody);
    assertThat(fromAlice.status()).as(fromAlice.toString()).isEqualTo(201);
    assertThat(fromBob.status())
        .as("another caller's key is not a reuse (no 422): " + fromBob)
        .isEqualTo(201);
    assertThat(fromBob.header("Idempotency-Replayed")).isNull();
    assertThat(fromBob.header("Location")).isNotEqualTo(fromAlice.header("Location"));

    var bobAgain = withKey(bob, "/api/products", key, bobBody);
    assertThat(bobAgain.header("Idempotency-Replayed")).isEqualTo("true");
    assertThat(bobAgain.json()).as("bob's retry replays bob's product").isEqualTo(fromBob.json());

    // orders: two customers, one key, each their own order and stock taken twice
    long product = shop.product("5.00", 10);
    long carol = shop.customer();
    long dave = shop.customer();
    var lines = "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}";
    var carolOrder =
        withKey(
            Api.as("customer", Long.toString(carol)),
            "/api/orders",
            key,
            lines.formatted(carol, product));
    var daveOrder =
        withKey(
            Api.as("customer", Long.toString(dave)),
            "/api/orders",
            key,
            lines.formatted(dave, product));
    assertThat(carolOrder.status()).as(carolOrder.toString()).isEqualTo(201);
    assertThat(daveOrder.status()).as(daveOrder.toString()).isEqualTo(201);
    assertThat(daveOrder.json().getJsonNumber("customerId").longValue()).isEqualTo(dave);
    assertThat(Shop.stock(product)).isEqualTo(8);
  }

  private static Api.Reply withKey(Api caller, String path, String key, String json) {
    return Shop.send(
        caller
            .request(path)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", key)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  @Test
  void concurrentRequestsWithOneKeyMakeOneOrder() throws Exception {
    long customer = shop.customer();
    long product = shop.product("5.00", 10);
    var key = UUID.randomUUID().toString();
    var body =
        "{\"customerId\":%d,\"lines\":[{\"productId\":%d,\"quantity\":1}]}"
            .formatted(customer, product);
    int n = 8;
    var pool = Executors.newFixedThreadPool(n);
    var replies = new ArrayList<Api.Reply>();
    try {
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<Api.Reply>>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return shop.postWithKey("/api/orders", key, body);
                }));
      }
      start.countDown();
      for (var f : futures) {
        replies.add(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(replies).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
    assertThat(replies.stream().map(r -> r.header("Location")).distinct()).hasSize(1);
    assertThat(Shop.stock(product)).isEqualTo(9);
    assertThat(Shop.single("select count(*) from orders where customer_id = " + customer))
        .isEqualTo(1);
  }

  @Test
  void keysAreStoredWithAnExpiryAndAnInvalidKeyIsABadRequest() throws Exception {
    var key = UUID.randomUUID().toString();
    shop.postWithKey(
        "/api/products",
        key,
        "{\"sku\":\"%s\",\"name\":\"E\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}"
            .formatted(Shop.unique("EXP")));
    assertThat(
            Shop.single(
                "select count(*) from idempotency_keys where idem_key = '"
                    + key
                    + "' and expires_at > now() + interval '1 hour'"))
        .isEqualTo(1);

    assertProblem(
        shop.postWithKey(
            "/api/products",
            "x".repeat(256),
            "{\"sku\":\"S\",\"name\":\"E\",\"price\":1,\"currency\":\"EUR\",\"stock\":1}"),
        400,
        null);
  }

  private static long events(String type, long id) throws Exception {
    return Shop.single(
        "select count(*) from outbox where aggregate_type = '%s' and aggregate_id = '%d'"
            .formatted(type, id));
  }
}
