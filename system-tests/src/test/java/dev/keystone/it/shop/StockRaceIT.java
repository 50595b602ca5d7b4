package dev.keystone.it.shop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keystone.it.support.Api;
import dev.keystone.it.support.Deployments;
import dev.keystone.it.support.KeystoneIT;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * More buyers than stock, all at once: exactly as many orders succeed as there are units, the
 * others get 409 naming the product, and the stock ends at zero, never below (units sold = start −
 * end, oversells = 0).
 */
@KeystoneIT
class StockRaceIT {

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return Deployments.ear();
  }

  private final Shop shop = new Shop().awaitApi();

  @Test
  void twentyBuyersForFiveUnitsMakeExactlyFiveOrders() throws Exception {
    long product = shop.product("3.00", 5);
    var customers = new long[20];
    for (int i = 0; i < customers.length; i++) {
      customers[i] = shop.customer();
    }

    var replies =
        race(
            customers.length,
            i ->
                shop.order(customers[i], "[{\"productId\":%d,\"quantity\":1}]".formatted(product)));

    assertThat(statuses(replies, 201)).isEqualTo(5);
    assertThat(statuses(replies, 409)).as(replies.toString()).isEqualTo(15);
    replies.stream()
        .filter(r -> r.status() == 409)
        .forEach(
            r -> {
              assertThat(r.header("Content-Type")).startsWith("application/problem+json");
              assertThat(r.json().getString("type")).endsWith("/insufficient-stock");
              assertThat(r.json().getString("detail")).contains("Product " + product);
            });
    assertThat(Shop.stock(product)).isZero();
    assertThat(
            Shop.single(
                "select coalesce(sum(quantity), 0) from order_lines where product_id = " + product))
        .as("units sold = start - end")
        .isEqualTo(5);
  }

  @Test
  void ordersLockingTwoProductsInOppositeLineOrderNeitherDeadlockNorOversell() throws Exception {
    long a = shop.product("1.00", 6);
    long b = shop.product("1.00", 6);
    long customer = shop.customer();
    var ab = "[{\"productId\":%d,\"quantity\":1},{\"productId\":%d,\"quantity\":1}]";

    var replies =
        race(16, i -> shop.order(customer, i % 2 == 0 ? ab.formatted(a, b) : ab.formatted(b, a)));

    assertThat(statuses(replies, 201)).as(replies.toString()).isEqualTo(6);
    assertThat(statuses(replies, 409)).isEqualTo(10);
    assertThat(Shop.stock(a)).isZero();
    assertThat(Shop.stock(b)).isZero();
  }

  /** Runs {@code n} requests released together by a latch; returns every reply. */
  private static List<Api.Reply> race(int n, java.util.function.IntFunction<Api.Reply> request)
      throws Exception {
    var pool = Executors.newFixedThreadPool(n);
    try {
      var start = new CountDownLatch(1);
      var tasks = new ArrayList<Callable<Api.Reply>>();
      for (int i = 0; i < n; i++) {
        int buyer = i;
        tasks.add(
            () -> {
              start.await();
              return request.apply(buyer);
            });
      }
      var futures = tasks.stream().map(pool::submit).toList();
      start.countDown();
      var replies = new ArrayList<Api.Reply>();
      for (var future : futures) {
        replies.add(future.get(60, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long statuses(List<Api.Reply> replies, int status) {
    return replies.stream().filter(r -> r.status() == status).count();
  }
}
